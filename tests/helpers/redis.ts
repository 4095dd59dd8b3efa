import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from './net.js';
import { createClient } from 'redis';

/** A Redis for tests: REDIS_URL when set, else a private redis-server on a free port. */
export async function testRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: () => Promise.resolve() };
  return startRedisServer();
}

/** Start a private redis-server (Debian binary) on a free port in a temporary folder. */
export async function startRedisServer(
  port?: number,
): Promise<{ url: string; port: number; proc: ChildProcess; stop: () => Promise<void> }> {
  const p = port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sho-redis-'));
  const proc = spawn(
    'redis-server',
    ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${p}`;
  await waitFor(async () => {
    const c = createClient({ url });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.ping();
      return true;
    } catch {
      return false;
    } finally {
      if (c.isOpen) await c.quit().catch(() => undefined);
    }
  }, 10_000);
  return {
    url,
    port: p,
    proc,
    stop: async () => {
      if (proc.exitCode === null) {
        proc.kill('SIGKILL');
        await new Promise((r) => proc.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A unique Redis namespace per test, so tests sharing one Redis never see each other's events. */
export const uniquePrefix = () => `t${randomBytes(5).toString('hex')}`;
