/// <reference types="node" />
// The config runs in Node, not in the browser: hence the Node types above, which src/ does not get.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const backend = 'http://localhost:3000';

/**
 * MediaPipe's WASM runtime, served from our own origin at /mediapipe/wasm/ (gestures load it with
 * `FilesetResolver.forVisionTasks('/mediapipe/wasm')`): no third-party CDN sees our users, and the
 * Content Security Policy stays 'self'. Served from node_modules in dev, copied into the build.
 */
function mediapipeWasm(): Plugin {
  const sourceDir = path.dirname(createRequire(import.meta.url).resolve('@mediapipe/tasks-vision/vision_wasm_internal.js'));
  const files = () => fs.readdirSync(sourceDir).filter((name) => name.endsWith('.js') || name.endsWith('.wasm'));
  return {
    name: 'careline-mediapipe-wasm',
    configureServer(server) {
      server.middlewares.use('/mediapipe/wasm', (req, res, next) => {
        const name = path.basename((req.url ?? '').split('?')[0] ?? '');
        if (!files().includes(name)) return next();
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        fs.createReadStream(path.join(sourceDir, name)).pipe(res);
      });
    },
    generateBundle() {
      for (const name of files()) {
        this.emitFile({ type: 'asset', fileName: `mediapipe/wasm/${name}`, source: fs.readFileSync(path.join(sourceDir, name)) });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), mediapipeWasm()],
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
