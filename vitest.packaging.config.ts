import { defineConfig } from 'vitest/config';

// `npm run test:packaging`: packs the app with electron-builder from packaging/ (Node >= 22.12).
export default defineConfig({
  test: {
    include: ['test/packaging/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
