import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLocale } from '../../../client/src/map/locale.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** The label keys of the installed MapLibre, read from its `defaultLocale` declaration. */
function maplibreLabelKeys(): string[] {
  const dts = fs.readFileSync(
    path.join(ROOT, 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl.d.ts'),
    'utf8',
  );
  const block = /declare const defaultLocale: \{([\s\S]*?)\};/.exec(dts)?.[1] ?? '';
  return [...block.matchAll(/"([A-Za-z]+\.[A-Za-z]+)": string;/g)].map((m) => m[1]!);
}

describe('map control labels', () => {
  it('has a Vietnamese text for every label the installed MapLibre uses', () => {
    const keys = maplibreLabelKeys();
    expect(keys.length).toBeGreaterThan(10);
    const vi = mapLocale('vi')!;
    for (const key of keys) expect(vi[key], key).toMatch(/\S/);
    expect(vi['NavigationControl.ZoomIn']).toBe('Phóng to');
    expect(vi['NavigationControl.ZoomOut']).toBe('Thu nhỏ');
  });

  it('leaves English to MapLibre', () => {
    expect(mapLocale('en')).toBeUndefined();
  });
});
