import type { ImportReport } from '../../../shared/schemas/imports.js';
import { importsRecords, type Caller } from '../../../shared/domain/permissions.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import type { Viewer } from '../../auth/viewer.js';
import type { NewEvent } from '../../events/log.js';
import type { Idempotency } from '../../events/writer.js';
import { forbidden, HttpError } from '../../http/errors.js';
import { audit } from '../incidents/audit.js';
import type { ExportLang } from '../export/export.columns.js';
import type { DecodedFile } from './import.decode.js';
import { importFields, type ImportKind } from './import.fields.js';
import { reasonText } from './import.reasons.js';
import { readRow, serviceRefusal, type PathReason, type RowOutcome } from './import.rows.js';
import { importServiceRow } from './import.services.js';
import { importShelterRow } from './import.shelters.js';
import { mapColumns, openTable, type ColumnMap, type FileRow } from './import.table.js';

/** How an import runs. */
export interface ImportOptions {
  kind: ImportKind;
  dryRun: boolean;
  skipInvalid: boolean;
  lang: ExportLang;
}

const NOTES: Record<ExportLang, Record<NonNullable<RowOutcome['notes']>[number]['note'], string>> = {
  vi: {
    safe_house_hidden: 'nhà tạm lánh: vị trí được lưu nhưng luôn ẩn',
    status_not_imported: 'tình trạng không nhập từ tệp; hãy cập nhật tình trạng trong ứng dụng',
  },
  en: {
    safe_house_hidden: 'safe house: the position is stored but always hidden',
    status_not_imported: 'availability is not imported; post it in the app',
  },
};

/** Who may import a kind at all (each row is still checked as the API checks it). */
export function checkImporter(c: Caller, kind: ImportKind): void {
  if (!importsRecords(c, kind))
    throw forbidden(
      kind === 'shelters'
        ? 'Only an operations officer may import shelters.'
        : 'Only a GBV coordinator or a service provider may import services.',
    );
}

/** The whole file refused (some rows refused and `skipInvalid` not asked): nothing stored, the report with it. */
class ImportRefused extends HttpError {
  constructor(readonly report: ImportReport) {
    super(422, 'import_refused', 'Some rows were refused, so nothing was stored; the report says which.');
  }
  override toBody() {
    return { ...super.toBody(), report: this.report };
  }
}

/** A dry run's way out of its transaction, carrying the report. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

function columnOf(map: ColumnMap, path: string | null): { column: string | null; index: number } {
  if (!path) return { column: null, index: -1 };
  const index = map.columns.findIndex(
    (f) => f && (f.path === path || f.path.startsWith(`${path}.`) || path.startsWith(`${f.path}.`)),
  );
  return { column: index >= 0 ? (map.names[index] ?? null) : path, index };
}

async function importRows(
  ctx: Ctx,
  viewer: Viewer,
  q: Queryable,
  file: DecodedFile,
  opts: ImportOptions,
): Promise<{ report: ImportReport; events: NewEvent[] }> {
  const table = await openTable(file);
  const map = mapColumns(table.head, importFields(opts.kind, ctx.areas));
  const report: ImportReport = {
    rows: 0,
    accepted: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    refused: [],
    notes: [],
    ignoredColumns: map.ignored,
    encoding: file.encoding,
    dryRun: opts.dryRun,
    stored: false,
  };
  const events: NewEvent[] = [];
  const refuse = (r: FileRow, reasons: PathReason[]) => {
    for (const { path, reason } of reasons) {
      const { column, index } = columnOf(map, path);
      const value = index >= 0 ? (r.cells[index] ?? '') : null;
      report.refused.push({ row: r.row, column, value, reason: reasonText(reason, opts.lang) });
    }
  };
  const store = opts.kind === 'shelters' ? importShelterRow : importServiceRow;
  for await (const r of table.rows(map.headerRows)) {
    report.rows++;
    const { candidate, reasons } = readRow(map, r);
    if (reasons.length) {
      refuse(r, reasons);
      continue;
    }
    // Each row in its own savepoint: a refused row leaves nothing behind, the others stand.
    await q.exec('SAVEPOINT import_row');
    try {
      const out = await store(ctx, viewer, q, candidate);
      await q.exec('RELEASE SAVEPOINT import_row');
      events.push(...out.events);
      report.accepted++;
      report[out.outcome]++;
      for (const n of out.notes ?? [])
        report.notes.push({
          row: r.row,
          column: columnOf(map, n.path).column,
          note: NOTES[opts.lang][n.note],
        });
    } catch (err) {
      await q.exec('ROLLBACK TO SAVEPOINT import_row');
      const refused = serviceRefusal(err);
      if (!refused) throw err;
      refuse(r, refused.reasons);
    }
  }
  return { report, events };
}

/**
 * Import a CSV file of shelters or services: one transaction; each stored row is an ordinary
 * event. A dry run answers the report and stores nothing; a file with refused rows stores nothing
 * and answers 422 with the report, unless `skipInvalid` asks to store the good rows. Audited.
 */
export async function runImport(
  ctx: Ctx,
  viewer: Viewer,
  file: DecodedFile,
  opts: ImportOptions,
  idem: Idempotency | null,
): Promise<{ status: number; body: ImportReport }> {
  checkImporter(viewer, opts.kind);
  let report: ImportReport | null = null;
  try {
    if (opts.dryRun) {
      try {
        await ctx.db.tx(async (q) => {
          throw new DryRunDone((await importRows(ctx, viewer, q, file, opts)).report);
        });
      } catch (err) {
        if (!(err instanceof DryRunDone)) throw err;
        report = err.report;
      }
      return { status: 200, body: report! };
    }
    const out = await ctx.writer.write(viewer, idem, async (q) => {
      const { report: r, events } = await importRows(ctx, viewer, q, file, opts);
      report = r;
      if (r.refused.length && !opts.skipInvalid) throw new ImportRefused(r);
      report = { ...r, stored: true };
      return { status: 200, body: report, events };
    });
    report = out.body;
    return { status: out.status, body: out.body };
  } finally {
    const r = report;
    await audit(ctx.db, viewer, 'import', opts.kind, {
      rows: r?.rows ?? null,
      accepted: r?.accepted ?? null,
      refused: r?.refused.length ?? null,
      dryRun: opts.dryRun ? 'yes' : 'no',
      stored: r?.stored ? 'yes' : 'no',
    }).catch((err: unknown) =>
      ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, 'import audit failed'),
    );
  }
}
