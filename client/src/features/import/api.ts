import { ImportReportSchema, type ImportReport } from '../../../../shared/schemas/imports.js';

/** What the server answered to an import or a dry run. */
export type ImportReply =
  | { kind: 'report'; status: number; report: ImportReport }
  | { kind: 'error'; status: number; message: string };

/**
 * Send a file to POST /api/import/{kind} as the multipart field `file`. A refused file (422) comes
 * back with its report, like a dry run; any other error with the server's message.
 */
export async function sendImport(
  kind: 'shelters' | 'services',
  file: File,
  opts: { dryRun: boolean; skipInvalid: boolean; lang: 'vi' | 'en'; idempotencyKey?: string },
): Promise<ImportReply> {
  const form = new FormData();
  form.append('file', file, file.name);
  const query = new URLSearchParams({
    lang: opts.lang,
    ...(opts.dryRun ? { dryRun: '1' } : {}),
    ...(opts.skipInvalid ? { skipInvalid: '1' } : {}),
  });
  let res: Response;
  try {
    res = await fetch(`/api/import/${kind}?${query.toString()}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {},
      body: form,
    });
  } catch {
    return { kind: 'error', status: 0, message: '' };
  }
  const body = (await res.json().catch(() => null)) as {
    ok?: boolean;
    data?: unknown;
    error?: { message?: string; report?: unknown };
  } | null;
  const report = ImportReportSchema.safeParse(body?.ok ? body.data : body?.error?.report);
  if (report.success) return { kind: 'report', status: res.status, report: report.data };
  return { kind: 'error', status: res.status, message: body?.error?.message ?? '' };
}
