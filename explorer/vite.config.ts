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
    // Four pages: the explorer, the upload page (upload.html) and the campaign page (campaign.html) that
    // share its words and style, and the questionnaire (/questionnaire/<token>).
    rollupOptions: {
      input: {
        main: path.join(here, 'index.html'),
        upload: path.join(here, 'upload.html'),
        campaign: path.join(here, 'campaign.html'),
        questionnaire: path.join(here, 'questionnaire.html'),
      },
    },
  },
});
