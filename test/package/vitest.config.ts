import { defineConfig } from 'vitest/config';

/** The packaging test: runs after `npm run build`, on the built out/ folder. */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
