import type { AreaIndex } from '../areas/areas.data.js';
import type { Organisation } from '../../../shared/schemas/auth.js';

/**
 * The columns of each CSV export: header in Vietnamese and English, the HXL hashtag of the
 * standards tables (shared/standards/README.md) and how to read the cell from a record that has
 * already been through the API's presenter. Columns a role may not read are left out of the file,
 * not just emptied.
 */

/** The export languages. */
export const EXPORT_LANGS = ['vi', 'en'] as const;
/** An export language. */
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** A cell before it is written: null is an empty cell, arrays are `;`-separated. */
export type Cell = string | number | boolean | null | undefined | readonly string[];

/** One column. */
export interface Column<T> {
  vi: string;
  en: string;
  tag: string;
  get: (r: T) => Cell;
}

/** What the cell readers need besides the record. */
export interface ExportContext {
  lang: ExportLang;
  areas: AreaIndex;
  orgs: ReadonlyMap<string, Organisation>;
  now: Date;
  staleHours: { shelter: number; service: number };
}
/** A column from its HXL tag, Vietnamese and English headers and cell reader. */
export const col = <T>(tag: string, vi: string, en: string, get: (r: T) => Cell): Column<T> => ({
  vi,
  en,
  tag,
  get,
});

const VN_OFFSET_MS = 7 * 3600_000;

/** An instant as ISO 8601 with Viet Nam's offset (`2024-09-07T10:30:00+07:00`); Viet Nam keeps no summer time. */
export function isoVn(t: string | null | undefined): string | null {
  if (!t) return null;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** camelCase -> snake_case, for tags and headers made from keys. */
export const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A province's name in the export language. */
export const provinceName = (x: ExportContext, code: string | null | undefined) => {
  const p = code ? x.areas.province(code) : undefined;
  return p ? (x.lang === 'vi' ? p.nameVi : p.nameEn) : null;
};
/** A commune's name in the export language. */
export const communeName = (x: ExportContext, code: string | null | undefined) => {
  const c = code ? x.areas.commune(code) : undefined;
  return c ? (x.lang === 'vi' ? c.nameVi : c.nameEn) : null;
};
/** The province columns of a record: its code, then its name in the export language. */
export const provinceColumns = <T>(x: ExportContext, code: (r: T) => string | null): Column<T>[] => [
  col('#adm1+code', 'Mã tỉnh', 'Province code', code),
  col('#adm1+name', 'Tỉnh', 'Province', (r) => provinceName(x, code(r))),
];
/** The commune columns of a record: its code, then its name in the export language. */
export const communeColumns = <T>(x: ExportContext, code: (r: T) => string | null): Column<T>[] => [
  col('#adm2+code', 'Mã xã', 'Commune code', code),
  col('#adm2+name', 'Xã', 'Commune', (r) => communeName(x, code(r))),
];
/** An organisation's name, empty when unknown. */
export const orgName = (x: ExportContext, id: string | null | undefined) =>
  id ? (x.orgs.get(id)?.name ?? null) : null;

/** A cell as written: empty for hidden, `true`/`false`, `;` lists, and formula triggers neutralised. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v.join(';');
  return neutralise(s);
}

/**
 * Defuse spreadsheet formulas (CSV injection): a cell that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading single quote. Our numbers are never negative (counts, and
 * latitudes and longitudes in Viet Nam), so no real number is touched.
 */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
