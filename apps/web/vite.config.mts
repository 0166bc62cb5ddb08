import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The agents' workspace, built to static files the gateway serves at `/`.
 * `npm run dev:web` proxies the API and Socket.IO to an inbox on :3000.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias: { '@inbox/contracts': here('../../libs/contracts/src') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // TanStack Query marks its hooks "use client" (for React Server Components); a single-page bundle has no server side to keep it for.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
