import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import type { ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Files that name what to load: always revalidated, so a deploy reaches phones on their next visit. */
const ENTRY_FILES = /(?:^|\/)(?:index\.html|sw\.js|sw-sync\.js|registerSW\.js|manifest\.webmanifest)$/;

/** Cache policy of one built file: hashed assets forever, the shell and service worker never without asking. */
export function cacheControlFor(file: string): string {
  const p = file.replace(/\\/g, '/').replace(/\.(?:br|gz)$/, '');
  if (p.includes('/assets/')) return 'public, max-age=31536000, immutable';
  if (ENTRY_FILES.test(p)) return 'no-cache';
  return 'public, max-age=3600';
}

/**
 * Compression for API answers (JSON, CSV, GeoJSON). Below 1 KB the header costs more than it saves.
 * Socket.IO is not under /api and compresses its own frames.
 */
export function apiCompression(): RequestHandler {
  return compression({ threshold: 1024 });
}

/**
 * The built client: the pre-compressed `.br` / `.gz` files written at build time when the browser
 * takes them (no compression work per request), the plain file otherwise; then the single-page shell
 * for every other GET outside /api and /socket.io. Returns null when there is no build.
 */
export function clientRoutes(staticDir: string): express.Router | null {
  const index = path.join(staticDir, 'index.html');
  if (!fs.existsSync(index)) return null;
  const setHeaders = (res: ServerResponse, file: string) => {
    res.setHeader('Cache-Control', cacheControlFor(file));
    // The service worker controls the whole app, though it lives at the root.
    if (/(?:^|[/\\])sw\.js(?:\.(?:br|gz))?$/.test(file)) res.setHeader('Service-Worker-Allowed', '/');
  };
  const router = express.Router();
  router.use(
    expressStaticGzip(staticDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, cacheControl: false, setHeaders },
    }),
  );
  router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    // Relative to the root, so a build folder under a dot-folder (.tmp/) is served too.
    res.sendFile('index.html', { root: staticDir });
  });
  return router;
}
