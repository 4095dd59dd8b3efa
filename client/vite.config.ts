import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { fileURLToPath } from 'node:url';
import { withoutZodJsonSchema } from './vite.zodJsonSchema.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const server = 'http://127.0.0.1:3000';

/** What the service worker keeps on the phone at install: the shell, every screen's chunk, the strings, the fonts the app uses. */
const PRECACHE = [
  '**/*.{js,css,html,svg,ico,png,webmanifest}',
  'assets/noto-sans-{vietnamese,latin}-*.woff2',
];
/**
 * Left out of the install (about 1.5 MB): the map (MapLibre, its worker, the basemap data), which a
 * shelter manager's phone loads only when asked. Once loaded it is kept by the runtime rule below.
 */
const NOT_AT_INSTALL = ['**/MapView-*', '**/maplibre-gl-worker-*', '**/*.geojson', '**/countries-*.json'];

/** A path ending in one of `names` (with `.ts`, `.tsx` or `.js`) under `dir`. */
const under = (dir: string, names: readonly string[]) =>
  new RegExp(
    `${dir.replaceAll('/', '[\\\\/]')}[\\\\/](?:${names.join('|').replaceAll('/', '[\\\\/]')})\\.(?:tsx?|js)$`,
  );
const anyOf =
  (...res: RegExp[]) =>
  (id: string) =>
    res.some((re) => re.test(id));

/**
 * What the sign-in form runs: React, zustand, and its strings without i18next (both languages; shared
 * with i18next, they were a file of their own).
 */
const BOOT = anyOf(
  /node_modules[\\/](react|react-dom|scheduler|zustand|use-sync-external-store|react-error-boundary)[\\/]|vite[\\/]preload-helper|rolldown[\\/]runtime/,
  under('client/src/i18n', ['language', 'signInText']),
  /client[\\/]src[\\/]i18n[\\/]locales[\\/](?:vi|en)[\\/]signin\.json$/,
);

/**
 * i18next, its React binding, its setup and the Vietnamese shell strings in one file, fetched with the
 * signed-in app: the sign-in form draws without them (client/src/i18n/signInText.ts).
 */
const I18N = anyOf(
  /node_modules[\\/](i18next|react-i18next|i18next-resources-to-backend)[\\/]/,
  under('client/src/i18n', ['index']),
  /client[\\/]src[\\/]i18n[\\/]locales[\\/]vi[\\/]common\.json$/,
);

/** The shared schemas the shelter manager's list is validated with (realtime/validate.ts), and LoginSchema. */
const FIRST_SCHEMAS = anyOf(
  under('shared', [
    'events',
    'domain/coordination',
    ...[
      'auth',
      'shelters',
      'requests',
      'services',
      'alerts',
      'incidents',
      'coordinationRoles',
      'careAlerts',
    ].map((n) => `schemas/${n}`),
  ]),
  under('client/src/realtime', ['validate']),
  under('node_modules/zod/v4/classic', ['coerce']),
);

/** Small modules the shell shares with the lazy screens (left alone, each was a chunk of its own). */
const SHELL_PARTS = anyOf(
  under('shared', [
    'enums',
    'domain/requestPermissions',
    'domain/requestWorkflow',
    'domain/permissions',
    'domain/staleness',
  ]),
  under('client/src', [
    'lib/format',
    'app/navStore',
    'app/filterStore',
    'app/ui/InlineSelect',
    'features/areas/areaStore',
    'features/requests/reconcile',
    'features/requests/requestStore',
    'features/shelters/filters',
    'features/services/filters',
    // The device copy and the outbox (IndexedDB): the shell opens both as it starts.
    'lib/deviceDb',
    'realtime/deviceCopy',
    'features/outbox/outbox',
    'features/outbox/outboxStore',
  ]),
  /node_modules[\\/]idb[\\/]/,
);

export default defineConfig({
  root,
  // Relative asset URLs, so the build works behind a proxy path as well as at the site root.
  base: './',
  plugins: [
    react(),
    withoutZodJsonSchema(),
    VitePWA({
      // The page registers it itself (client/src/lib/serviceWorker.ts), after the first screen is up.
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        id: './',
        name: 'Safe Haven Ops – Điều phối sơ tán an toàn',
        short_name: 'Safe Haven',
        description: 'Phòng ngừa và ứng phó bạo lực trên cơ sở giới trong thiên tai',
        lang: 'vi',
        dir: 'ltr',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#0b3d5c',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: PRECACHE,
        globIgnores: NOT_AT_INSTALL,
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        inlineWorkboxRuntime: true,
        cleanupOutdatedCaches: true,
        // A new worker takes over at once, and the first visit is under its control without a reload.
        skipWaiting: true,
        clientsClaim: true,
        // Offline, any address of the app opens the shell; the API and the socket never come from a cache.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//, /^\/healthz/, /^\/readyz/],
        runtimeCaching: [
          {
            // Hashed files never change: once fetched (the map, a font), they are kept.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'assets', expiration: { maxEntries: 60 } },
          },
        ],
        // Background Sync: sends the outbox when the link returns, even with the app closed.
        importScripts: ['sw-sync.js'],
      },
    }),
    // Brotli and gzip beside each built file, served as they are (server/http/static.ts).
    compression({
      algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })],
      include: /\.(js|mjs|css|html|svg|json|geojson|webmanifest|ico)$/,
      threshold: 1024,
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    // The basemap GeoJSON must stay a separate file (it is fetched by URL inside the map style).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the sign-in form runs (React, zustand) in one file: left to itself the bundler cut it
          // into several, and on a 400 ms link each file past the browser's six connections waits a
          // round trip. i18next comes with the signed-in app, in one file of its own.
          groups: [
            { name: 'boot', test: BOOT },
            { name: 'i18n', test: I18N },
            // The schemas and the small modules the shell shares with the other screens, each in one
            // file rather than a dozen: fewer round trips before the list, and one gzip dictionary.
            // Only the modules listed (not what they import), so nothing moves into the sign-in chunk.
            { name: 'schemas', test: FIRST_SCHEMAS, includeDependenciesRecursively: false },
            { name: 'shellparts', test: SHELL_PARTS, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    // shared/ (the contract and the offline geodata) lives beside client/.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: {
      '/api': server,
      '/healthz': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
