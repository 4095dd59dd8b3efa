import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Build the client if a browser test needs it and it is missing or older than its sources. */
export function ensureClientBuilt(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const index = path.join(root, 'dist', 'client', 'index.html');
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  if (!fs.existsSync(path.join(root, 'client', 'index.html'))) return;
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (built > Math.max(newest(path.join(root, 'client')), newest(path.join(root, 'shared')))) return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle and leave out
    // what only production has (the service worker registration): browser tests test the real build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('client build failed');
}
