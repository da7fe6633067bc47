import { defineConfig } from 'vite';

// The C++ service serves web/dist and the API on one origin. During `npm run dev`, Vite
// forwards /api to a locally running service (POBLYSH_DEV_API, default 127.0.0.1:8080).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: { '/api': `http://${(globalThis as any).process?.env?.POBLYSH_DEV_API ?? '127.0.0.1:8080'}` },
  },
});
