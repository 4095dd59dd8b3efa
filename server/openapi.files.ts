import { z } from 'zod';
import { ApiErrorSchema } from '../shared/schemas/api.js';
import { ImportReportSchema } from '../shared/schemas/imports.js';
import { json, type Op } from './openapi.js';

/** The export files (issue 9): CSV with the HXL row and GeoJSON, projected for the caller. */
export function exportOps(): Record<string, Record<string, Op>> {
  const lang = { lang: 'vi (default) or en: the language of the header row' };
  const csv = {
    'text/csv': {
      schema: {
        type: 'string',
        description:
          'UTF-8 with BOM, RFC 4180 (CRLF). Row 1: headers in the language; row 2: HXL hashtags; then one row per record as the caller may see it (hidden values empty, suppressed counts `<5`, formula triggers neutralised with a leading quote).',
      },
    },
  };
  const geojson = {
    'application/geo+json': {
      schema: {
        type: 'object',
        description:
          'RFC 7946 FeatureCollection: `id` per feature, properties mirror the API JSON, `geometry: null` for positions the caller may not see, polygons by the right-hand rule.',
        properties: { type: { const: 'FeatureCollection' }, features: { type: 'array' } },
        required: ['type', 'features'],
      },
    },
  };
  const refused = 'This role may not read these records';
  const file = (
    summary: string,
    operationId: string,
    produces: Record<string, { schema: unknown }>,
    withLang = true,
  ): Record<string, Op> => ({
    get: { summary, operationId, produces, refuses: refused, ...(withLang ? { query: lang } : {}) },
  });
  return {
    '/api/export/shelters.csv': file(
      'Shelters as CSV with HXL tags (the checklist only for its readers)',
      'exportSheltersCsv',
      csv,
    ),
    '/api/export/services.csv': file(
      'Service points as CSV with HXL tags (safe houses masked; stock and beds only for their readers)',
      'exportServicesCsv',
      csv,
    ),
    '/api/export/requests.csv': file(
      'Coordination requests the caller reads, as CSV with HXL tags (never the thread; 403 for partner viewers)',
      'exportRequestsCsv',
      csv,
    ),
    '/api/export/alerts.csv': file(
      'Risk alerts as CSV with HXL tags, one row per alert and province',
      'exportAlertsCsv',
      csv,
    ),
    '/api/export/incidents.csv': file(
      'Released incident aggregates after suppression, one row per province and month (ops officers and GBV coordinators; audited)',
      'exportIncidentsCsv',
      csv,
    ),
    '/api/export/shelters.geojson': file(
      'Shelters as a GeoJSON FeatureCollection',
      'exportSheltersGeoJson',
      geojson,
    ),
    '/api/export/services.geojson': file(
      'Service points as GeoJSON (no geometry for hidden positions and masked safe houses)',
      'exportServicesGeoJson',
      geojson,
    ),
    '/api/export/alerts.geojson': file(
      'Risk alerts as GeoJSON: the area polygon (or null), the storm track as a LineString and its position as a Point',
      'exportAlertsGeoJson',
      geojson,
    ),
  };
}

/** The CSV imports (issue 9 item 2): a file in, a report out. */
export function importOps(): Record<string, Record<string, Op>> {
  const file = {
    type: 'string',
    description:
      'CSV (comma, semicolon or tab separated): an HXL hashtag row in the first five rows (the row above it may hold text headers), or row 1 with the API field names or the headers of our own export in Vietnamese or English. UTF-8 with or without BOM, or UTF-16 (Excel "Unicode text"). At most 5 MB and 20,000 rows.',
  };
  const consumes = {
    'text/csv': { schema: file },
    'multipart/form-data': {
      schema: { type: 'object', properties: { file: { ...file, format: 'binary' } }, required: ['file'] },
    },
  };
  const query = {
    dryRun: '1 or true: check the file and answer the report; store nothing',
    skipInvalid: '1 or true: store the good rows even when some are refused',
    lang: 'vi (default) or en: the language of the reasons in the report',
  };
  const more = {
    '422': {
      description:
        'Some rows were refused and skipInvalid was not asked: nothing stored; the report is in error.report',
      content: json(
        z.object({
          ok: z.literal(false),
          error: ApiErrorSchema.extend({ code: z.literal('import_refused'), report: ImportReportSchema }),
        }),
      ),
    },
  };
  const op = (summary: string, operationId: string): Record<string, Op> => ({
    post: {
      summary,
      operationId,
      consumes,
      query,
      idempotent: true,
      reply: ImportReportSchema,
      refuses: 'This role may not import these records',
      more,
    },
  });
  return {
    '/api/import/shelters': op(
      'Import shelters from CSV (operations officers, within scope): rows update by #loc+code (our ID) or list new shelters',
      'importShelters',
    ),
    '/api/import/services': op(
      'Import service points from CSV (GBV coordinators; providers for their own): rows update by #service+code or list new ones; safe houses always hidden',
      'importServices',
    ),
  };
}
