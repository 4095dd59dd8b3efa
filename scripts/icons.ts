import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../tests/helpers/chromium.js';

/**
 * `node --import tsx scripts/icons.ts`: render the web app icons (PNG) from client/public/favicon.svg
 * with the local Chromium, so no image tool or network is needed. The PNGs are committed; run this
 * again after changing the SVG. "maskable" icons keep the drawing inside the 80 % safe zone on a
 * full-bleed background, as Android crops them to a circle or squircle.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const svg = fs.readFileSync(path.join(ROOT, 'client', 'public', 'favicon.svg'), 'utf8');
const outDir = path.join(ROOT, 'client', 'public', 'icons');
fs.mkdirSync(outDir, { recursive: true });

const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  for (const [name, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['icon-maskable-512.png', 512, true],
    ['apple-touch-icon.png', 180, false],
  ] as const) {
    await page.setViewportSize({ width: size, height: size });
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setContent(
      `<html><body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? '#0b3d5c' : 'transparent'}">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
    );
    await page.screenshot({ path: path.join(outDir, name), omitBackground: !maskable });
    console.log(`wrote client/public/icons/${name}`);
  }
} finally {
  await browser.close();
}
