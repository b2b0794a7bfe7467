import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

/** The client: built into `dist/client`, which the server serves with an SPA fallback. */
export default defineConfig({
  root: '.',
  plugins: [react()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(
      ['/trpc', '/auth', '/sandbox', '/healthz', '/readyz'].map((path) => [path, api]),
    ),
  },
});
