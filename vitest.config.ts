import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser tests first, then the rest, each part in vitest's own order. The run lasts as long as
 * its busiest worker: started last, a browser file (minutes) leaves one worker idle while the other
 * finishes it, whereas the short files fill the gaps at the end. Vitest's order alone puts them last
 * without a cache (larger files first, and the longest browser files are four-line wrappers).
 */
class BrowserTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = (f: TestSpecification) => f.moduleId.replaceAll('\\', '/').includes('/tests/e2e/');
    return [...sorted.filter(browser), ...sorted.filter((f) => !browser(f))];
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    // Two cores: integration suites start real servers, databases and browsers.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    sequence: { sequencer: BrowserTestsFirst },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
