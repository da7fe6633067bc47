import { defineConfig } from 'vitest/config';

// Node's process, typed here without pulling in Node's types for the whole app.
const devEnv = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

// The C++ service serves web/dist and the API on one origin. During `npm run dev`, Vite
// forwards /api to a locally running service (POBLYSH_DEV_API, default 127.0.0.1:8080).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: { '/api': `http://${devEnv.POBLYSH_DEV_API ?? '127.0.0.1:8080'}` },
  },
  // Unit tests of the pure modules (`npm test`, CTest `web.unit`), beside them as *.test.ts.
  // The viewer's zone is fixed, so tests of local days and DST read the same on every machine.
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    env: { TZ: 'Europe/Berlin' },
  },
});
