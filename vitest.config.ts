import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // web/src/**: the portal's component tests, each file under `// @vitest-environment jsdom`.
    include: ['test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
  },
});
