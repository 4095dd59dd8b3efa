import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** Builds the bench-only map page into .tmp/bench-map. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'error',
  build: {
    outDir: fileURLToPath(new URL('../../.tmp/bench-map', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 5000,
  },
});
