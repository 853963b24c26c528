/**
 * The explorer's build: `npm run build:explorer` bundles index.html and src/*.ts into dist/, with
 * relative asset URLs so that the server can mount it under /explore/. No CDN: everything is bundled.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // sigma + graphology (~200 kB) and MapLibre (~1 MB) minified; one chunk is fine for a single page.
    chunkSizeWarningLimit: 1600,
    // The questionnaire (/questionnaire/<token>) is a second page of the same build.
    rollupOptions: { input: { main: path.join(here, 'index.html'), questionnaire: path.join(here, 'questionnaire.html') } },
  },
});
