import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time even on two cores (vitest's default there is one): many tests wait on threads, child
    // processes and the disk, and the whole suite took 347 instead of 421 s on this project's 2-core machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
