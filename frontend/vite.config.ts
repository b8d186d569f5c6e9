/// <reference types="node" />
// The config runs in Node, not in the browser: hence the Node types above, which src/ does not get.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The contract is compiled with the app, so a change in shared/ shows up without a rebuild.
    alias: { '@telehealth/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  server: {
    // Same origin in development as in production: the cookie and the CSRF Origin check just work.
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
    },
  },
  build: { outDir: 'dist', target: 'es2022' },
});
