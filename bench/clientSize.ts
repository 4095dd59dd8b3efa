import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './lib.js';

export interface ChunkSize {
  file: string;
  kind: 'entry' | 'lazy' | 'map' | 'data';
  bytes: number;
  gzip: number;
}

/** Build the client into a private folder (so a running server's dist/ is not touched) unless told to reuse dist/client. */
export function buildClient(fresh: boolean): { dir: string; built: boolean } {
  const dist = path.join(ROOT, 'dist', 'client');
  if (!fresh && fs.existsSync(path.join(dist, 'index.html'))) return { dir: dist, built: false };
  const dir = path.join(ROOT, '.tmp', 'bench-client');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    execFileSync(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        'client/vite.config.ts',
        '--outDir',
        dir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  } catch (err) {
    // A work-in-progress client that does not build must not lose the other figures.
    if (!fs.existsSync(path.join(dist, 'index.html'))) throw err;
    return { dir: dist, built: false };
  }
  return { dir, built: true };
}

/** Gzip size of each built chunk, with what the first screen loads (the entry, from index.html) told apart from the lazy map. */
export function chunkSizes(dir: string): { chunks: ChunkSize[]; firstScreenGzip: number; mapGzip: number } {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const entry = new Set(
    [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => path.basename(m[1]!)),
  );
  const chunks: ChunkSize[] = [];
  for (const file of fs.readdirSync(path.join(dir, 'assets'))) {
    if (!/\.(js|mjs|css|json)$/.test(file)) continue;
    const buf = fs.readFileSync(path.join(dir, 'assets', file));
    const kind: ChunkSize['kind'] = entry.has(file)
      ? 'entry'
      : /\.json$/.test(file)
        ? 'data'
        : /map|maplibre/i.test(file)
          ? 'map'
          : 'lazy';
    chunks.push({ file, kind, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  }
  chunks.sort((a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip);
  const sum = (k: ChunkSize['kind']) => chunks.filter((c) => c.kind === k).reduce((a, c) => a + c.gzip, 0);
  return { chunks, firstScreenGzip: sum('entry'), mapGzip: sum('map') };
}
