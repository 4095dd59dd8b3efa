import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's Chromium is (CHROMIUM_PATH overrides); throws when it is missing. */
export function chromiumPath(): string {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(exe)) throw new Error(`no Chromium at ${exe}`);
  return exe;
}

/**
 * Debian's Chromium, headless, with SwiftShader WebGL for MapLibre (BROWSER.md). The one launch the
 * browser tests, the benchmarks and the scripts share; it imports no test runner.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
    ],
  });
}
