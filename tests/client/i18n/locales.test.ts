import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  NAMESPACES,
  initI18n,
  SHELL_NAMESPACES,
  MAP_NAMESPACES,
  loadNamespaces,
  setLanguage,
} from '../../../client/src/i18n/index.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const LOCALES = path.join(ROOT, 'client', 'src', 'i18n', 'locales');
const SRC = path.join(ROOT, 'client', 'src');

type Tree = { [k: string]: string | Tree };

function load(lng: string, ns: string): Tree {
  return JSON.parse(readFileSync(path.join(LOCALES, lng, `${ns}.json`), 'utf8')) as Tree;
}

/** Every leaf key of a namespace, dotted (`services.title`). */
function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  );
}

/** Every dotted path, leaves and branches, across all namespaces of one language. */
function allPaths(lng: string): { leaves: Set<string>; branches: Set<string> } {
  const leafSet = new Set<string>();
  const branchSet = new Set<string>();
  for (const ns of NAMESPACES) {
    for (const key of leaves(load(lng, ns))) {
      leafSet.add(key);
      const parts = key.split('.');
      for (let i = 1; i < parts.length; i++) branchSet.add(parts.slice(0, i).join('.'));
    }
  }
  return { leaves: leafSet, branches: branchSet };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const source = sourceFiles(SRC)
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('i18n locales', () => {
  it('has one JSON file per namespace and language, and nothing else', () => {
    for (const lng of LANGUAGES) {
      expect(readdirSync(path.join(LOCALES, lng)).sort()).toEqual(NAMESPACES.map((n) => `${n}.json`).sort());
    }
  });

  it.each(NAMESPACES)('gives vi and en the same keys in namespace %s', (ns) => {
    expect(leaves(load('en', ns)).sort()).toEqual(leaves(load('vi', ns)).sort());
  });

  it('puts each top-level group in one namespace only', () => {
    const owner = new Map<string, string>();
    for (const ns of NAMESPACES) {
      for (const group of Object.keys(load('vi', ns))) {
        expect(owner.get(group), `${group} in ${owner.get(group)} and ${ns}`).toBeUndefined();
        owner.set(group, ns);
      }
    }
  });

  it('has no empty strings', () => {
    for (const lng of LANGUAGES) {
      for (const ns of NAMESPACES) {
        const empty = leaves(load(lng, ns)).filter((k) => {
          const v = k
            .split('.')
            .reduce<string | Tree | undefined>((t, p) => (t as Tree | undefined)?.[p], load(lng, ns));
          return typeof v !== 'string' || v.trim() === '';
        });
        expect(empty, `${lng}/${ns}`).toEqual([]);
      }
    }
  });

  it('defines every literal key used with t() in client/src, in both languages', () => {
    const literal = [...source.matchAll(/\bt\(\s*'([^'$]+)'/g)].map((m) => m[1]!);
    const used = [...new Set(literal)];
    expect(used.length).toBeGreaterThan(200);
    for (const lng of LANGUAGES) {
      const { leaves: have } = allPaths(lng);
      // A plural key is written without its suffix: `t('services.count', { count })`.
      const missing = used.filter((k) => !have.has(k) && !have.has(`${k}_one`) && !have.has(`${k}_other`));
      expect(missing, lng).toEqual([]);
    }
  });

  it('defines the group of every template key used with t() in client/src', () => {
    // `t(\`status.${s}\`)`: the literal head names a group that must exist.
    const heads = [...source.matchAll(/\bt\(\s*`([A-Za-z][\w.]*)\.\$\{/g)].map((m) => m[1]!);
    expect(heads.length).toBeGreaterThan(20);
    for (const lng of LANGUAGES) {
      const { branches } = allPaths(lng);
      expect(
        [...new Set(heads)].filter((h) => !branches.has(h)),
        lng,
      ).toEqual([]);
    }
  });
});

describe('i18n loading', () => {
  beforeAll(async () => {
    (globalThis as { document?: unknown }).document = { documentElement: { lang: '' } };
    await initI18n();
  });
  afterAll(() => {
    delete (globalThis as { document?: unknown }).document;
  });

  it('starts in Vietnamese with the sign-in and shell frame strings only: the shell and screen strings come later', async () => {
    expect(i18next.t('auth.title')).toBe((load('vi', 'signin').auth as Tree).title);
    expect(i18next.t('wall.enter')).toBe((load('vi', 'common').wall as Tree).enter);
    for (const ns of [...SHELL_NAMESPACES, ...MAP_NAMESPACES, 'services'])
      expect(i18next.hasResourceBundle('vi', ns), ns).toBe(false);
    await loadNamespaces(SHELL_NAMESPACES);
    expect(i18next.t('list.title')).toBe((load('vi', 'shelters').list as Tree).title);
    // The map's strings come with the map (a shelter manager's phone starts without it); its frame's do not wait.
    expect(i18next.hasResourceBundle('vi', 'map')).toBe(false);
    expect(i18next.t('mapFrame.show')).toBe((load('vi', 'common').mapFrame as Tree).show);
  });

  it('loads a domain namespace lazily and resolves its keys without a namespace prefix', async () => {
    await loadNamespaces(['services']);
    expect(i18next.t('services.title')).toBe((load('vi', 'services').services as Tree).title);
  });

  it('switches to English, loading every namespace already in use', async () => {
    await setLanguage('en');
    expect(i18next.t('services.title')).toBe((load('en', 'services').services as Tree).title);
    expect(i18next.t('auth.title')).toBe((load('en', 'signin').auth as Tree).title);
    expect(i18next.t('app.subtitle')).toBe((load('en', 'signin').app as Tree).subtitle);
  });
});
