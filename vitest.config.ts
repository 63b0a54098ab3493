import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker less than the cores: on the 2-core machines this project runs on,
    // that is one file at a time. Most suites wait (on servers, child processes, Chromium, timers)
    // rather than compute, so two at a time finish sooner without starving each other.
    maxWorkers: 2,
    globalSetup: ['test/helpers/globalSetup.ts'],
    reporters: ['default'],
  },
});
