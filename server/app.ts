import path from 'node:path';
import { createServer, type Server as HttpServer } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from './env.js';
import { createLogger, type Logger } from './logger.js';
import { openDb, isBusy, isUnavailable, DbUnavailableError, OutcomeUnknownError } from './db/db.js';
import { migrate } from './db/migrations.js';
import { memoryBus, redisBus } from './bus/bus.js';
import { Writer } from './events/writer.js';
import { loadAreas } from './features/areas/areas.data.js';
import type { Ctx } from './context.js';
import { createRevocations } from './auth/revocation.js';
import { HttpError } from './http/errors.js';
import { refuseUnstorableText, requireJsonExcept } from './http/validate.js';
import { checkOrigin, type TrustFn } from './http/origin.js';
import { apiCompression, clientRoutes } from './http/static.js';
import { createLoginThrottle } from './auth/throttle.js';
import { HashGate } from './auth/password.js';
import { authRoutes, requireAuth, sessionMiddleware } from './auth/auth.routes.js';
import { syncRoutes } from './features/sync/sync.routes.js';
import { registerDomains } from './features/index.js';
import { shelterRoutes } from './features/shelters/shelters.routes.js';
import { areaRoutes } from './features/areas/areas.routes.js';
import { organisationRoutes } from './features/organisations/organisations.routes.js';
import { userRoutes } from './features/users/users.routes.js';
import { serviceRoutes } from './features/services/services.routes.js';
import { gbvAlertRoutes } from './features/gbvAlerts/gbvAlerts.routes.js';
import { careAlertRoutes } from './features/careAlerts/careAlerts.routes.js';
import { startCareAlerts, type CareAlertLoop } from './features/careAlerts/careAlerts.evaluator.js';
import { alertRoutes } from './features/alerts/alerts.routes.js';
import { requestRoutes } from './features/requests/requests.routes.js';
import { coordinationRoleRoutes } from './features/coordinationRoles/coordinationRoles.routes.js';
import { auditRoutes, incidentReportRoutes, incidentRoutes } from './features/incidents/incidents.routes.js';
import { IMPORT_BODIES, importRoutes } from './features/import/import.routes.js';
import { handoverRoutes } from './features/handover/handover.routes.js';
import { exportRoutes } from './features/export/export.routes.js';
import { tokenRoutes } from './features/tokens/tokens.routes.js';
import { smsRoutes } from './features/sms/sms.routes.js';
import { bearerMiddleware } from './auth/tokens.js';
import { CAP_BODIES, capRoutes } from './features/cap/cap.routes.js';
import { startCapFeeds } from './features/cap/cap.feeds.js';
import { createRealtime, type Io } from './realtime/realtime.js';
import { startIncidentReleases } from './features/incidents/releases.js';
import { startEscalations } from './features/coordinationRoles/coordinationRoles.escalation.js';
import { seedDemo } from './demo/seed.js';
import { createDemoClock } from './features/demo/demo.clock.js';
import { demoClockRoutes, demoInfoRoutes } from './features/demo/demo.routes.js';
import { PROJECT_ROOT } from './paths.js';
import { openApiDocument } from './openapi.js';

/** A running app: its HTTP server (not yet listening), Socket.IO server, context and a graceful close. */
export interface App {
  http: HttpServer;
  io: Io;
  ctx: Ctx;
  /** This process's duty-of-care evaluator (tests run it at their own clock). */
  careAlerts: CareAlertLoop;
  close(): Promise<void>;
}

/** Build everything from a config object; tests start it on port 0 with their own database and bus. */
export async function createApp(config: AppConfig, opts: { log?: Logger } = {}): Promise<App> {
  registerDomains();
  const log = opts.log ?? createLogger(config.logLevel);
  const db = await openDb(
    {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      timeouts: config.dbTimeouts,
      settle: { inRequestMs: config.writeSettleMs, backgroundMs: 60_000 },
    },
    log,
  );
  try {
    await migrate(db, log);
  } catch (err) {
    await db.close();
    throw err;
  }
  const bus = config.redisUrl
    ? await redisBus(config.redisUrl, config.redisPrefix, log, {
        publishTimeoutMs: config.publishTimeoutMs,
        pingTimeoutMs: config.readyRedisTimeoutMs,
        heartbeatMs: 1000,
      })
    : memoryBus();
  const throttle = await createLoginThrottle(
    config.login,
    config.redisUrl ? { url: config.redisUrl, prefix: config.redisPrefix } : undefined,
    log,
  );
  const gate = new HashGate(config.login.hashConcurrency, config.login.hashQueue);
  const writer = new Writer(db, bus, log);
  const ctx: Ctx = { config, db, bus, writer, areas: loadAreas(), log, revocations: createRevocations() };
  if (config.demo) {
    const { created } = await seedDemo(ctx);
    if (created) log.info({ shelters: created }, 'demo data seeded');
  }

  // Incident figures are released, not streamed: a first run now (the seed's periods are long
  // closed), then on a timer; safe with several processes.
  const releases = await startIncidentReleases(ctx);
  // Unacknowledged life-saving and urgent requests go up to the national lead (issue 13).
  const escalations = await startEscalations(ctx);
  const capFeeds = startCapFeeds(ctx);
  // Duty-of-care rules: after every relevant committed change and on a timer; safe with several processes.
  const careAlerts = startCareAlerts(ctx);
  // A first evaluation before serving, so a started app holds the alerts of its data (the seed's).
  await careAlerts.run().catch(() => undefined);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  const trustFn = () => app.get('trust proxy fn') as TrustFn;
  let accepting = true;
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          formAction: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // 'self' also admits the service worker (/sw.js) and the web app manifest (manifest-src falls back to default-src).
          workerSrc: ["'self'", 'blob:'],
          manifestSrc: ["'self'"],
          // 'self' covers ws:/wss: to the same host (CSP Level 3), so the socket needs no wider grant.
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
        },
      },
      // Only over HTTPS (COOKIE_SECURE=1 says users reach the app that way). Subdomains are left out:
      // they may belong to other services of the deploying organisation that do not all speak HTTPS.
      strictTransportSecurity: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      xContentTypeOptions: true,
    }),
  );
  app.use((_req, res, next) => {
    if (!accepting) res.set('Connection', 'close');
    next();
  });

  app.get('/healthz', (_req, res) => void res.json({ ok: true, data: { status: 'live' } }));
  app.get('/readyz', async (_req, res) => {
    const dbOk = await db.query('SELECT 1').then(
      () => true,
      () => false,
    );
    // Redis must answer a PING in time: a frozen Redis keeps its connections open but serves nobody.
    const busOk = await bus.ping(config.readyRedisTimeoutMs);
    const ready = dbOk && busOk && accepting;
    res
      .status(ready ? 200 : 503)
      .json({ ok: ready, data: { database: dbOk, bus: busOk, bus_kind: bus.kind, accepting } });
  });

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers carry who-may-see-what; no browser or shared cache may keep them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(checkOrigin(trustFn, config.allowedOrigins));
  api.use(express.json({ limit: '64kb', strict: true }));
  api.use(bearerMiddleware(ctx));
  // Before requireJson: SMS gateways post forms (application/x-www-form-urlencoded).
  api.use('/sms', smsRoutes(ctx));
  api.use(requireJsonExcept({ ...CAP_BODIES, ...IMPORT_BODIES }));
  api.use(refuseUnstorableText);
  api.use(sessionMiddleware(ctx));
  api.use(authRoutes(ctx, { throttle, gate }));
  const openapi = openApiDocument();
  api.get('/openapi.json', (_req, res) => void res.json(openapi));
  api.use('/areas', areaRoutes(ctx));
  const demoClock = createDemoClock();
  api.use('/demo', demoInfoRoutes(ctx, demoClock));
  api.use(requireAuth);
  api.use(syncRoutes(ctx));
  api.use('/shelters', shelterRoutes(ctx));
  api.use('/organisations', organisationRoutes(ctx));
  api.use('/users', userRoutes(ctx));
  api.use('/tokens', tokenRoutes(ctx));
  api.use('/services', serviceRoutes(ctx));
  api.use('/gbv-alerts', gbvAlertRoutes(ctx));
  api.use('/care-alerts', careAlertRoutes(ctx));
  api.use('/alerts', alertRoutes(ctx));
  api.use('/requests', requestRoutes(ctx));
  api.use('/coordination-roles', coordinationRoleRoutes(ctx));
  api.use('/incident-reports', incidentReportRoutes(ctx));
  api.use('/incidents', incidentRoutes(ctx));
  api.use('/audit', auditRoutes(ctx));
  api.use('/export', exportRoutes(ctx));
  api.use('/cap', capRoutes(ctx));
  api.use('/import', importRoutes(ctx));
  api.use('/handover', handoverRoutes(ctx));
  api.use('/demo', demoClockRoutes(ctx, demoClock));
  api.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'No such endpoint.')));
  app.use('/api', apiCompression(), api);

  const client = clientRoutes(config.staticDir ?? path.join(PROJECT_ROOT, 'dist', 'client'));
  if (client) app.use(client);

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const e = toHttpError(err);
    if (e.status >= 500 && e.code === 'internal')
      log.error(
        { err: err instanceof Error ? err.stack : String(err), path: req.path, method: req.method },
        'request failed',
      );
    res.status(e.status).json({ ok: false, error: e.toBody() });
  });

  const http = createServer(app);
  http.keepAliveTimeout = 5000;
  const rt = await createRealtime(ctx, http, { trust: trustFn, demoClock });

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      accepting = false;
      releases.stop();
      escalations.stop();
      await capFeeds.stop();
      await careAlerts.stop();
      // Stop accepting connections, let in-flight writes finish, then close sockets and stores.
      const stopped = new Promise<void>((r) => http.close(() => r()));
      http.closeIdleConnections();
      await Promise.race([writer.drain(), new Promise((r) => setTimeout(r, config.shutdownTimeoutMs))]);
      await rt.close();
      http.closeAllConnections();
      await stopped;
      await throttle.close();
      await bus.close();
      await db.close();
    })());

  return { http, io: rt.io, ctx, careAlerts, close };
}

/** Map anything a route threw to the error the client is answered with. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large')
    return new HttpError(413, 'payload_too_large', 'The request body is too large (limit 64 KB).');
  if (type === 'entity.parse.failed')
    return new HttpError(400, 'bad_request', 'body: not valid JSON', [
      { path: 'body', message: 'not valid JSON' },
    ]);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new HttpError(415, 'unsupported_media_type', 'Send UTF-8 JSON.');
  if (type === 'request.aborted') return new HttpError(400, 'bad_request', 'Request aborted.');
  if (err instanceof OutcomeUnknownError)
    return new HttpError(
      503,
      'outcome_unknown',
      'The database connection was lost while saving: the change may or may not have been saved. Retry with the same Idempotency-Key to get the outcome.',
    );
  if (isBusy(err))
    return new HttpError(503, 'unavailable', 'The database is busy; retry shortly. Nothing was saved.');
  if (err instanceof DbUnavailableError && err.saved === 'maybe')
    return new HttpError(503, 'unavailable', 'The database is unavailable; retry shortly.');
  // The net under the text checks: PostgreSQL refusing text it cannot store is the client's fault.
  const pgCode = (err as { code?: unknown } | null)?.code;
  if (pgCode === '22P05' || pgCode === '22021')
    return new HttpError(
      400,
      'bad_request',
      'The request holds text that cannot be stored (a NUL or broken Unicode).',
    );
  if (isUnavailable(err))
    return new HttpError(
      503,
      'unavailable',
      'The database is unavailable; retry shortly. Nothing was saved.',
    );
  const status = (err as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new HttpError(status, 'bad_request', 'Bad request.');
  return new HttpError(500, 'internal', 'Something went wrong on the server.');
}
