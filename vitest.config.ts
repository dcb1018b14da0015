import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['electron-store'] } },
    pool: 'forks',
    // Both cores of a counter-PC-sized CI machine (the default leaves one idle): most files wait on
    // loopback HTTP, Chromium or simulated time rather than compute. 2 cores: ~6 min instead of ~9.
    maxWorkers: 2,
  },
});
