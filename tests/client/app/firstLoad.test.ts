import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
// The entry, and the signed-in shell that draws the list (a lazy chunk, but loaded before the list).
const ROOTS = [
  path.join(ROOT, 'client', 'src', 'main.tsx'),
  path.join(ROOT, 'client', 'src', 'app', 'Shell.tsx'),
];

/** Value imports (`import ... from`, `import '...'`, `export ... from`), not `import type` nor a lazy `import()`. */
const STATIC =
  /^\s*(?:import(?!\s+type\b)[^'"]*?from\s*|import\s*|export\s+(?!type\b)[^'"]*?from\s*)['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const ext of ['.ts', '.tsx', '/index.ts', '/index.tsx'])
    if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

/** Every package the page loads before the list: what main.tsx and Shell.tsx import statically, file by file. */
function entryPackages(roots: readonly string[] = ROOTS): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const todo = [...roots];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(STATIC)) {
      if (!spec!.startsWith('.')) {
        packages.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
        continue;
      }
      const next = resolve(file, spec!);
      if (next) todo.push(next);
    }
  }
  return packages;
}

describe('first load: what a phone loads before the list', () => {
  it('walks the entry (sanity: React and the shared schemas are in it)', () => {
    const pkgs = entryPackages();
    expect(pkgs.has('react')).toBe(true);
    expect(pkgs.has('zod')).toBe(true);
  });

  it('brings no form library: react-hook-form comes with the first form that needs it, once opened', () => {
    const pkgs = entryPackages();
    expect(pkgs.has('react-hook-form')).toBe(false);
    expect(pkgs.has('@hookform/resolvers')).toBe(false);
  });
});

describe('first load: what the sign-in form waits for', () => {
  it('is drawn without zod: the shared schema comes once the form is up', () => {
    expect(entryPackages([ROOTS[0]!]).has('zod')).toBe(false);
    expect(entryPackages([ROOTS[0]!]).has('react')).toBe(true);
  });

  it('is drawn without i18next: its strings come from i18n/signInText.ts, i18next with the signed-in app', () => {
    const pkgs = entryPackages([ROOTS[0]!]);
    for (const pkg of ['i18next', 'react-i18next', 'i18next-resources-to-backend'])
      expect(pkgs.has(pkg), pkg).toBe(false);
  });
});
