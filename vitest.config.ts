import { defineConfig } from 'vitest/config';
import { QUIET_ENV } from './bin/quiet-env.mjs';

export default defineConfig({
  test: {
    // web/src/**: the portal's component tests, each file under `// @vitest-environment jsdom`.
    include: ['test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    // A CDK test's beforeAll synthesizes a stack: over 10 s when the machine is busy.
    hookTimeout: 120_000,
    // No AWS SDK Node.js version warning (bin/quiet-env.mjs); Powertools' Logger: warnings and errors only.
    env: { ...QUIET_ENV, POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
