import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHELL_NAMESPACES } from '../../../client/src/i18n/index.js';

/**
 * The shelter manager's first load (SPEC 7, issue 10): everything the phone fetches before the list
 * shows live data, the validation chunk included, at most 150 KB gzip. Sizes are deterministic, so
 * this is checked on a real build; `npm run bench -- --only link` measures the same files in Chromium
 * on the slow link (and times them).
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const OUT = path.join(ROOT, '.tmp', 'test-first-load');

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * What the phone loads before the list, by source: the page and its entry, the signed-in shell (a
 * lazy chunk, fetched while the sign-in form is up, with i18next and the Vietnamese `common` strings
 * in a chunk it imports), the validation chunk realtime/ loads beside the snapshot, and the shell's
 * strings (SHELL_NAMESPACES, Vietnamese).
 * Each with every chunk it imports statically, and their styles.
 */
const BEFORE_THE_LIST = [
  'index.html',
  'src/app/Shell.tsx',
  'src/realtime/validate.ts',
  ...SHELL_NAMESPACES.map((ns) => `src/i18n/locales/vi/${ns}.json`),
];

let manifest: Manifest;

beforeAll(() => {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'client/vite.config.ts',
      '--outDir',
      OUT,
      '--emptyOutDir',
      '--manifest',
      '--logLevel',
      'error',
    ],
    // vitest's NODE_ENV=test would give React's development build.
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  manifest = JSON.parse(fs.readFileSync(path.join(OUT, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}, 600_000);

/** The built files `roots` load before anything lazy: their chunks, static imports and CSS. */
function filesOf(roots: readonly string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const todo = [...roots];
  while (todo.length) {
    const key = todo.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    todo.push(...(chunk.imports ?? []));
  }
  return files;
}

/** Gzip size as the server sends it (the build's .gz beside the file, else level 9 here), as bench/slowLink.ts counts. */
function gzipOf(file: string): number {
  const p = path.join(OUT, file);
  return fs.existsSync(`${p}.gz`)
    ? fs.statSync(`${p}.gz`).size
    : gzipSync(fs.readFileSync(p), { level: 9 }).length;
}

const sources = (files: Set<string>) =>
  Object.entries(manifest)
    .filter(([, c]) => files.has(c.file))
    .map(([src]) => src);

describe('the shelter manager’s first load', () => {
  it('is at most 150 KB gzip, validation chunk included', () => {
    const files = filesOf(BEFORE_THE_LIST);
    files.add('index.html');
    const total = [...files].reduce((a, f) => a + gzipOf(f), 0);
    expect(files.size).toBeGreaterThan(5);
    expect(total / 1024).toBeLessThanOrEqual(150);
  });

  it('leaves out what the shelter manager’s first screen does not show', () => {
    const first = sources(filesOf(BEFORE_THE_LIST));
    for (const lazy of [
      'src/app/WallControls.tsx',
      'src/features/demo/ScenarioClock.tsx',
      'src/features/import/ImportButton.tsx',
      'src/i18n/locales/vi/map.json',
      'src/map/MapView.tsx',
      'src/features/shelters/ShelterPanel.tsx',
    ])
      expect(first, lazy).not.toContain(lazy);
    // Lazy, not gone: each is still a chunk the shell can fetch.
    for (const lazy of ['src/app/WallControls.tsx', 'src/features/demo/ScenarioClock.tsx'])
      expect(manifest['src/app/Shell.tsx']!.dynamicImports).toContain(lazy);
    expect(manifest['src/app/WallControls.tsx']!.css?.length).toBe(1);
  });

  it('keeps the sign-in form’s chunks small: no schemas, no shell parts, no i18next', () => {
    const signIn = filesOf(['index.html']);
    signIn.add('index.html');
    expect([...signIn].filter((f) => /schemas|shellparts|common-|i18n-/.test(f))).toEqual([]);
    // i18next's own messages name it: none of them in what the form waits for.
    for (const f of signIn) expect(/i18next/.test(fs.readFileSync(path.join(OUT, f), 'utf8')), f).toBe(false);
    const gzip = [...signIn].reduce((a, f) => a + gzipOf(f), 0);
    // boot (React, zustand, the sign-in strings), the entry, the styles and the page: 79.3 KB once
    // i18next left it for the signed-in app (98.5 KB with it), about 1.6 s of a 50 KB/s link.
    expect(gzip / 1024).toBeLessThan(82);
  });
});
