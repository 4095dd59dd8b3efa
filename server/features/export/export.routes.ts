import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { stringify } from 'csv-stringify';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { parse, viewerOf } from '../../http/validate.js';
import { forbidden } from '../../http/errors.js';
import { readsRequests } from '../../../shared/domain/permissions.js';
import { listOrganisations } from '../organisations/organisations.repo.js';
import { presentOrganisation } from '../organisations/organisations.presenter.js';
import { audit } from '../incidents/audit.js';
import { requireReader } from '../incidents/incidents.service.js';
import { cellText, EXPORT_LANGS, type Column, type ExportContext } from './export.columns.js';
import { shelterColumns } from './export.shelters.js';
import { serviceColumns } from './export.services.js';
import { requestColumns } from './export.requests.js';
import { alertColumns, alertRows } from './export.alerts.js';
import { incidentColumns } from './export.incidents.js';
import { alertPages, incidentPages, requestPages, servicePages, shelterPages } from './export.sources.js';
import { alertFeatures, serviceFeature, shelterFeature, type Feature } from './export.geojson.js';
import { hsdsPage, HsdsQuerySchema, hsdsService } from './export.hsds.js';
import * as services from '../services/services.service.js';
import {
  coordinationRoleColumns,
  coordinationRolePages,
} from '../coordinationRoles/coordinationRoles.export.js';

/** Query of every export: the language of the header row (Vietnamese by default). */
export const ExportQuerySchema = z.strictObject({ lang: z.enum(EXPORT_LANGS).default('vi') });

async function contextFor(ctx: Ctx, viewer: Viewer, lang: ExportContext['lang']): Promise<ExportContext> {
  const orgs = (await listOrganisations(ctx.db)).map((o) => presentOrganisation(o, viewer));
  return {
    lang,
    areas: ctx.areas,
    orgs: new Map(orgs.map((o) => [o.id, o])),
    now: new Date(),
    staleHours: ctx.config.staleHours,
  };
}

/**
 * Stream records to the response, counting them, then audit the export (who, what, when, how many
 * rows, whether the file went out whole). A failure half-way destroys the response, so a cut file
 * never looks complete.
 */
async function streamOut(
  ctx: Ctx,
  viewer: Viewer,
  res: Response,
  resource: string,
  lang: string | null,
  body: (count: () => void) => AsyncIterable<string | string[]>,
  sink: NodeJS.ReadWriteStream | null,
): Promise<void> {
  let rows = 0;
  let complete = false;
  const source = Readable.from(
    body(() => void rows++),
    { objectMode: true },
  );
  try {
    if (sink) await pipeline(source, sink, res);
    else await pipeline(source, res);
    complete = true;
  } catch (err) {
    ctx.log.warn({ err: err instanceof Error ? err.message : String(err), resource }, 'export cut short');
  } finally {
    await audit(ctx.db, viewer, 'export', resource, { rows, lang, complete: complete ? 'yes' : 'no' }).catch(
      (err: unknown) =>
        ctx.log.error(
          { err: err instanceof Error ? err.message : String(err), resource },
          'export audit failed',
        ),
    );
  }
}

function csvHeaders(res: Response, file: string): void {
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${file}"`,
    'Cache-Control': 'no-store',
  });
}

/** A CSV export: BOM, CRLF records (RFC 4180), headers in the language, the HXL row, then the records. */
async function sendCsv<T>(
  ctx: Ctx,
  viewer: Viewer,
  res: Response,
  name: string,
  lang: ExportContext['lang'],
  columns: readonly Column<T>[],
  pages: AsyncIterable<T[]>,
): Promise<void> {
  csvHeaders(res, `${name}.csv`);
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  await streamOut(
    ctx,
    viewer,
    res,
    `export.${name}.csv`,
    lang,
    async function* (count) {
      yield columns.map((c) => c[lang]);
      yield columns.map((c) => c.tag);
      for await (const page of pages)
        for (const r of page) {
          count();
          yield columns.map((c) => cellText(c.get(r)));
        }
    },
    csv,
  );
}

/** A GeoJSON FeatureCollection, written feature by feature. */
async function sendGeoJson<T>(
  ctx: Ctx,
  viewer: Viewer,
  res: Response,
  name: string,
  pages: AsyncIterable<T[]>,
  features: (r: T) => Feature[],
): Promise<void> {
  res.status(200).set({
    'Content-Type': 'application/geo+json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.geojson"`,
    'Cache-Control': 'no-store',
  });
  await streamOut(
    ctx,
    viewer,
    res,
    `export.${name}.geojson`,
    null,
    async function* (count) {
      yield '{"type":"FeatureCollection","features":[';
      let first = true;
      for await (const page of pages) {
        const chunk: string[] = [];
        for (const r of page) {
          count();
          for (const f of features(r)) {
            chunk.push(`${first ? '' : ','}\n${JSON.stringify(f)}`);
            first = false;
          }
        }
        if (chunk.length) yield chunk.join('');
      }
      yield '\n]}\n';
    },
    null,
  );
}

/** /api/export: CSV (with the HXL row) and GeoJSON files, each projected for the caller as the API is. */
export function exportRoutes(ctx: Ctx): Router {
  const r = Router();
  const query = (q: unknown) => parse(ExportQuerySchema, q, 'query');

  /** A CSV export: the query, who may read it (before anything is read), the columns for this reader, the rows. */
  function csvFile<T>(
    name: string,
    columns: (v: Viewer, x: ExportContext) => readonly Column<T>[],
    pages: (v: Viewer) => AsyncIterable<T[]>,
    allow?: (v: Viewer) => void,
  ): void {
    r.get(`/${name}.csv`, async (req, res) => {
      const { lang } = query(req.query);
      const v = viewerOf(res);
      allow?.(v);
      const x = await contextFor(ctx, v, lang);
      await sendCsv(ctx, v, res, name, lang, columns(v, x), pages(v));
    });
  }
  /** A GeoJSON export: the query (for its checks only) and the features of each row. */
  function geoJsonFile<T>(
    name: string,
    pages: (v: Viewer) => AsyncIterable<T[]>,
    features: (r: T) => Feature[],
  ): void {
    r.get(`/${name}.geojson`, async (req, res) => {
      query(req.query);
      const v = viewerOf(res);
      await sendGeoJson(ctx, v, res, name, pages(v), features);
    });
  }

  csvFile('shelters', shelterColumns, (v) => shelterPages(ctx, v));
  csvFile('services', serviceColumns, (v) => servicePages(ctx, v));
  csvFile(
    'requests',
    requestColumns,
    (v) => requestPages(ctx, v),
    (v) => {
      if (!readsRequests(v)) throw forbidden('Partner viewers read no coordination requests.');
    },
  );
  csvFile('alerts', alertColumns, async function* (v) {
    for await (const page of alertPages(ctx, v)) yield page.flatMap((a) => alertRows(a, ctx.areas));
  });
  csvFile(
    'incidents',
    (v, x) => incidentColumns(v, x, ctx.config.demo),
    (v) => incidentPages(ctx, v),
    requireReader,
  );
  csvFile('coordination-roles', coordinationRoleColumns, (v) => coordinationRolePages(ctx, v));

  geoJsonFile(
    'shelters',
    (v) => shelterPages(ctx, v),
    (s) => [shelterFeature(s)],
  );
  geoJsonFile(
    'services',
    (v) => servicePages(ctx, v),
    (s) => [serviceFeature(s)],
  );
  geoJsonFile('alerts', (v) => alertPages(ctx, v), alertFeatures);

  // The HSDS API's page shape rather than our envelope, so HSDS tools read it as is.
  r.get('/hsds/services.json', async (req, res) => {
    const q = parse(HsdsQuerySchema, req.query, 'query');
    const v = viewerOf(res);
    const x = await contextFor(ctx, v, q.lang);
    const all = (await services.list(ctx, v)).map((s) => hsdsService(s, x));
    const page = hsdsPage(all, q);
    await audit(ctx.db, v, 'export', 'export.hsds.services.json', {
      rows: page.size,
      lang: q.lang,
      complete: 'yes',
    });
    res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(page));
  });
  return r;
}
