import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // A CDK test's beforeAll synthesizes a stack: over 10 s when the machine is busy.
    hookTimeout: 120_000,
    // Powertools' Logger prints every handler's info lines; tests show warnings and errors only.
    env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
