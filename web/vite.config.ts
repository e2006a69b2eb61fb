import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The dashboard build. `root` is this folder whatever the working directory, so
 * `vite build --config web/vite.config.ts` from the repository root writes `web/dist`, which the
 * server serves at `/` with an SPA fallback. In `vite dev`, /api and /socket.io go to a local
 * server (TEAMWATCH_DEV_API, default http://localhost:8080).
 */
const api = process.env.TEAMWATCH_DEV_API ?? 'http://localhost:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
