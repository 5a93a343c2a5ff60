import { configDefaults, defineConfig } from 'vitest/config';

/**
 * What `npm run test:unit` (vitest --mode unit) leaves out, for a quick edit-test loop: the browser suites
 * (Chromium), the HTML validator (Java), the benchmarks. `npm test` runs everything, as CI does.
 */
const NOT_UNIT = [
  '**/*.e2e.test.ts', // Chromium
  'test/xss-corpus.test.ts', // Chromium
  'test/page-quality.test.ts', // vnu.jar (Java) and axe in Chromium
  'test/support/support.test.ts', // the vnu.jar and browser helpers themselves
  'test/bench-*.test.ts', // archive-sized benchmarks
];

export default defineConfig(({ mode }) => ({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    exclude: mode === 'unit' ? [...configDefaults.exclude, ...NOT_UNIT] : configDefaults.exclude,
    // Java checks inside otherwise quick files (the body renderer's Nu validation) read this and skip.
    env: mode === 'unit' ? { MASTHEAD_NO_JAVA: '1' } : {},
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: the browser and HTML-validator suites each start a heavy process.
    maxWorkers: 2,
  },
}));
