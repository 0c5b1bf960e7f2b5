// Builds the renderer (src/renderer, Svelte 5) into dist/renderer, served by Electron's app protocol
// and by the loopback bridge alike.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [svelte()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'chrome140',
    sourcemap: true,
    // No inline <script> or data: modules: the CSP allows only 'self' scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
