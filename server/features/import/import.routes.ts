import { createHash } from 'node:crypto';
import express, {
  Router,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import multer from 'multer';
import { z } from 'zod';
import { LIMITS } from '../../../shared/limits.js';
import { IMPORT_KINDS, ImportQuerySchema } from '../../../shared/schemas/imports.js';
import type { Ctx } from '../../context.js';
import { badField, HttpError } from '../../http/errors.js';
import { route } from '../../http/route.js';
import { idempotencyOf, parse, viewerOf } from '../../http/validate.js';
import { decodeImport } from './import.decode.js';
import { checkImporter, runImport } from './import.service.js';

/** `:kind` of an import. */
const ImportParams = z.strictObject({ kind: z.enum(IMPORT_KINDS) });

const MB = LIMITS.importBytesMax / (1024 * 1024);
const tooLarge = () => new HttpError(413, 'payload_too_large', `file: larger than ${MB} MB; split the file`);

/** The media types a file may come as in the body; multipart carries it as the field `file`. */
const FILE_TYPES = [
  'text/csv',
  'text/plain',
  'text/tab-separated-values',
  'application/vnd.ms-excel',
  'application/octet-stream',
];

/** The media types each import path takes (the rest of the API takes JSON only); the Origin check still applies. */
export const IMPORT_BODIES: Readonly<Record<string, readonly string[]>> = {
  '/import/': [...FILE_TYPES, 'multipart/form-data'],
};

const rawBody = express.raw({ type: () => true, limit: LIMITS.importBytesMax });
const multipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: LIMITS.importBytesMax, files: 1, fields: 5, parts: 6 },
}).single('file');

/** Who may import, checked before the file is read (403 before 400). */
const gate: RequestHandler = (req, res, next) => {
  const { kind } = parse(ImportParams, req.params, 'params');
  checkImporter(viewerOf(res), kind);
  next();
};

/** Read the file into `res.locals.file`, from the body or the multipart field `file`. */
function readFile(req: Request, res: Response, next: NextFunction): void {
  const done = (err?: unknown) => {
    if (err) {
      const e = err as { type?: string; code?: string; field?: string };
      if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE') return next(tooLarge());
      if (e instanceof multer.MulterError)
        return next(badField(e.field ?? 'file', `${e.message} (send one file in the field "file")`));
      return next(err);
    }
    const bytes = req.is('multipart/form-data') ? req.file?.buffer : (req.body as unknown);
    if (!(bytes instanceof Buffer) || bytes.length === 0)
      return next(badField('file', 'no file: send it as the body (text/csv) or the multipart field "file"'));
    res.locals.file = bytes;
    next();
  };
  if (req.is('multipart/form-data')) multipart(req, res, done);
  else if (req.is(FILE_TYPES)) rawBody(req, res, done);
  else
    next(
      new HttpError(
        415,
        'unsupported_media_type',
        'Content-Type: send the file as text/csv or as the multipart field "file".',
        [{ path: 'Content-Type', message: 'send text/csv or multipart/form-data' }],
      ),
    );
}

/** POST /api/import/{shelters,services}: a CSV file of records, checked, then stored as one transaction. */
export function importRoutes(ctx: Ctx): Router {
  const r = Router();
  r.post(
    '/:kind',
    gate,
    readFile,
    route({ params: ImportParams, query: ImportQuerySchema }, ({ params, query, req, res, viewer }) => {
      const bytes = res.locals.file as Buffer;
      // The key's request hash covers the file and the options, not the raw bytes' JSON.
      req.body = { sha256: createHash('sha256').update(bytes).digest('hex'), query: req.query };
      const idem = idempotencyOf(req);
      return runImport(ctx, viewer, decodeImport(bytes), { kind: params.kind, ...query }, idem);
    }),
  );
  return r;
}
