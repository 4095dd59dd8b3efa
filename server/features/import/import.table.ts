import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { LIMITS } from '../../../shared/limits.js';
import { badField } from '../../http/errors.js';
import type { DecodedFile } from './import.decode.js';
import { normaliseTag, type ImportField } from './import.fields.js';
import type { Reason } from './import.reasons.js';

/** How many leading rows may hold the headers and the HXL hashtag row. */
const HEADER_SCAN_ROWS = 5;

/** Where each column of the file goes: an importable field, or null (ignored). */
export interface ColumnMap {
  columns: (ImportField | null)[];
  /** The header shown to the user for each column (the hashtag where there is no text header). */
  names: string[];
  /** How many rows the headers take. */
  headerRows: number;
  ignored: string[];
}

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').trim().toLowerCase();

/**
 * Find the headers: an HXL hashtag row anywhere in the first rows (the row above it, if any, is the
 * text header), or else plain headers on row 1 equal to the API field names or our export's
 * Vietnamese or English headers.
 */
export function mapColumns(head: string[][], fields: ImportField[]): ColumnMap {
  const byTag = new Map(fields.map((f) => [f.tag, f]));
  for (let i = 0; i < Math.min(head.length, HEADER_SCAN_ROWS); i++) {
    const cells = head[i]!.map((c) => c.trim());
    const filled = cells.filter(Boolean);
    const tags = cells.map((c) => (c ? normaliseTag(c) : null));
    if (filled.length && tags.filter(Boolean).length * 2 >= filled.length) {
      const text = i > 0 ? head[i - 1]! : [];
      const columns = tags.map((t) => (t ? (byTag.get(t) ?? null) : null));
      const names = cells.map((c, j) => text[j]?.trim() || c);
      return done(columns, names, i + 1);
    }
  }
  const byHeader = new Map<string, ImportField>();
  for (const f of fields) for (const h of [f.path, ...f.headers]) byHeader.set(fold(h), f);
  const cells = (head[0] ?? []).map((c) => c.trim());
  return done(
    cells.map((c) => byHeader.get(fold(c)) ?? null),
    cells,
    1,
  );
}

function done(columns: (ImportField | null)[], names: string[], headerRows: number): ColumnMap {
  if (!columns.some(Boolean))
    throw badField(
      'file',
      'no column matches: give HXL hashtags (e.g. #loc+name) or the API field names (e.g. name, provinceCode) as headers',
    );
  const seen = new Set<string>();
  columns.forEach((c, j) => {
    if (!c) return;
    if (seen.has(c.path)) throw badField('file', `two columns fill ${c.path} (${names[j]})`);
    seen.add(c.path);
  });
  const ignored = names.filter((n, j) => !columns[j] && n);
  return { columns, names, headerRows, ignored };
}

const NEUTRALISED = /^'[=+\-@\t\r]/;
const TRUE = new Set(['true', 'yes', 'co', '1', 'x']);
const FALSE = new Set(['false', 'no', 'khong', '0']);

/** One cell read for its field; an empty cell is `undefined` (leave as is, or the default). */
export function readCell(f: ImportField, raw: string): { value: unknown } | { reason: Reason } {
  let s = raw.trim();
  if (NEUTRALISED.test(s)) s = s.slice(1);
  if (s === '') return { value: undefined };
  switch (f.kind) {
    case 'text':
      return { value: s };
    case 'int':
      return /^\d+$/.test(s.replace(/\s/g, ''))
        ? { value: Number(s.replace(/\s/g, '')) }
        : { reason: { code: 'not_integer' } };
    case 'num': {
      const n = /^-?\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : NaN;
      return Number.isFinite(n) ? { value: n } : { reason: { code: 'not_number' } };
    }
    case 'bool':
      if (TRUE.has(fold(s))) return { value: true };
      if (FALSE.has(fold(s))) return { value: false };
      return { reason: { code: 'not_boolean' } };
    case 'list':
      return {
        value: s
          .split(';')
          .map((x) => x.trim())
          .filter(Boolean),
      };
    case 'hours':
      return { value: s === '24/7' ? { open24h: true, hours: null } : { open24h: false, hours: s } };
  }
}

/** Set a dotted path on a plain object. */
export function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
}

/** One data row: its number in the file (as a spreadsheet numbers rows) and its cells. */
export interface FileRow {
  row: number;
  cells: string[];
}

/** A file being read: its first rows (to find the headers), then the data rows as they are parsed. */
export interface OpenTable {
  head: string[][];
  rows(headerRows: number): AsyncGenerator<FileRow>;
}

function csvError(err: unknown, row: number): unknown {
  const code = (err as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('CSV_'))
    return badField('file', `not a readable CSV near row ${row + 1}: ${(err as Error).message}`);
  return err;
}

/**
 * Stream a decoded file through csv-parse: the first rows are read to find the headers, the rest
 * one by one as the caller takes them. Refuses more than the row limit.
 */
export async function openTable(file: DecodedFile): Promise<OpenTable> {
  const parser = Readable.from([file.text]).pipe(
    parse({ delimiter: file.delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }),
  );
  const it = (parser as AsyncIterable<string[]>)[Symbol.asyncIterator]();
  const head: string[][] = [];
  try {
    while (head.length < HEADER_SCAN_ROWS) {
      const next = await it.next();
      if (next.done) break;
      head.push(next.value);
    }
  } catch (err) {
    throw csvError(err, head.length);
  }
  return {
    head,
    async *rows(headerRows) {
      let row = 0;
      const take = (cells: string[]): FileRow => {
        row++;
        if (row - headerRows > LIMITS.importRowsMax)
          throw badField('file', `more than ${LIMITS.importRowsMax} rows; split the file`);
        return { row, cells };
      };
      for (const cells of head) {
        const r = take(cells);
        if (r.row > headerRows) yield r;
      }
      try {
        for (;;) {
          const next = await it.next();
          if (next.done) return;
          yield take(next.value);
        }
      } catch (err) {
        throw csvError(err, row);
      }
    },
  };
}
