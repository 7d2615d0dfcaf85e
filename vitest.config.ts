import { defineConfig } from 'vitest/config';
import { QUIET_ENV } from './bin/quiet-env.mjs';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    env: { ...QUIET_ENV }, // every worker: no AWS SDK Node.js version warning (bin/quiet-env.mjs)
  },
});
