import { z } from 'zod';

/** The kinds of record a CSV import may hold. */
export const IMPORT_KINDS = ['shelters', 'services'] as const;

const Flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** Query of POST /api/import/{shelters,services}. */
export const ImportQuerySchema = z.strictObject({
  /** Check the file and answer the report; store nothing. */
  dryRun: Flag,
  /** Store the good rows even when some are refused (otherwise one refused row stores nothing). */
  skipInvalid: Flag,
  /** The language of the report's reasons (Vietnamese by default). */
  lang: z.enum(['vi', 'en']).default('vi'),
});

/** One refused cell or row: the file's row number (as a spreadsheet numbers it), column header, value and why. */
export const ImportRefusalSchema = z.object({
  row: z.number().int().min(1),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});

/** The report of an import or a dry run. */
export const ImportReportSchema = z.object({
  /** Data rows read (header rows not counted). */
  rows: z.number().int().min(0),
  /** Rows that were (or, in a dry run, would be) stored or found unchanged. */
  accepted: z.number().int().min(0),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  refused: z.array(ImportRefusalSchema),
  /** What the user should know about stored rows (a safe house's position kept hidden). */
  notes: z.array(z.object({ row: z.number().int().min(1), column: z.string().nullable(), note: z.string() })),
  /** Columns of the file the import does not read. */
  ignoredColumns: z.array(z.string()),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']),
  dryRun: z.boolean(),
  /** True when the rows were stored (false for a dry run and a refused file). */
  stored: z.boolean(),
});
/** The report of an import. */
export type ImportReport = z.infer<typeof ImportReportSchema>;
