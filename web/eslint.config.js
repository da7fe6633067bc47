// The web app's lint (`npm run lint`, CTest `web.lint`): ESLint's and typescript-eslint's
// recommended rules with type information, and the hooks rules (Preact's hooks follow React's
// rules). Warnings fail the run as errors do (`--max-warnings=0`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked, reactHooks.configs.flat.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
);
