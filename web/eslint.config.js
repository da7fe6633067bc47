// The web app's lint (`npm run lint`, CTest `web.lint`): ESLint's and typescript-eslint's
// recommended rules with type information, and the hooks rules (Preact's hooks follow React's
// rules). Warnings fail the run as errors do (`--max-warnings=0`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The folders' direction: pages → wizard → components → ui, all over the modules in src/
// itself (api, queries, time, hooks, session). A folder imports nothing above it.
const above = (...folders) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: folders.map((folder) => ({
        regex: `(^|/)${folder}(/|$)`,
        message: `${folder}/ is above this folder: move what both need down (components/, ui/ or src/).`,
      })),
    },
  ],
});

export default defineConfig(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked, reactHooks.configs.flat.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['src/wizard/**'], rules: above('pages') },
  { files: ['src/components/**'], rules: above('pages', 'wizard') },
  { files: ['src/ui/**'], rules: above('pages', 'wizard', 'components') },
  { files: ['src/*.{ts,tsx}'], ignores: ['src/App.tsx', 'src/main.tsx'], rules: above('pages', 'wizard', 'components', 'ui') },
);
