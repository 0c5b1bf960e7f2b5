import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Renderer state classes (*.svelte.ts) use runes: compiled by Svelte as in the app.
  plugins: [svelte()],
  test: {
    include: ['test/**/*.test.ts'],
    // Packing needs packaging/'s install (Node >= 22.12): `npm run test:packaging`.
    exclude: ['test/packaging/**', '**/node_modules/**'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
