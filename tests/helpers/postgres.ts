import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from './net.js';

const BIN = '/usr/lib/postgresql/15/bin';
const bin = (name: string) => (fs.existsSync(path.join(BIN, name)) ? path.join(BIN, name) : name);

/** PostgreSQL refuses to run as root: when the tests run as root, run it as the `postgres` (or `nobody`) user. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  for (const user of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0)
      return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root and no unprivileged user for PostgreSQL');
}

/** A private PostgreSQL server for fault tests: its own folder and port, which the test may stop and restart. */
export interface PostgresServer {
  url: string;
  port: number;
  dir: string;
  /** The running postmaster, or null while stopped. */
  proc(): ChildProcess | null;
  /** Stop it: 'fast' shuts down cleanly (pg_ctl stop -m fast), 'kill' sends SIGKILL to the postmaster. */
  stop(mode?: 'fast' | 'kill'): Promise<void>;
  /** Start it again on the same folder and port. */
  start(): Promise<void>;
  /** Stop and remove the folder. */
  destroy(): Promise<void>;
}

async function accepting(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * initdb into a temporary folder and run `postgres` as a child process on a free port. Never
 * touches the machine's shared PostgreSQL.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sho-pg-'));
  const data = path.join(dir, 'data');
  const user = runAs();
  if ('uid' in user) fs.chownSync(dir, user.uid, user.gid);
  const init = spawnSync(
    bin('initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { encoding: 'utf8', ...user },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    if (child) return;
    // fsync off: the tests kill the server, not the machine; the data stays consistent for a crash of the process.
    const p = spawn(
      bin('postgres'),
      [
        '-D',
        data,
        '-p',
        String(port),
        '-k',
        dir,
        '-h',
        '127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=100',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...user,
      },
    );
    p.stdout.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    p.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    p.once('exit', () => {
      if (child === p) child = null;
    });
    child = p;
    await waitFor(
      async () => {
        if (p.exitCode !== null) throw new Error(`postgres exited (${p.exitCode}): ${log}`);
        return accepting(url);
      },
      30_000,
      100,
    );
  };

  const stop = async (mode: 'fast' | 'kill' = 'fast') => {
    const p = child;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill(mode === 'kill' ? 'SIGKILL' : 'SIGINT');
    await exited;
    if (mode === 'kill') {
      // The postmaster's children notice it is gone and exit; wait for them so the port and shared memory are free.
      await waitFor(
        () => !fs.existsSync(path.join(data, 'postmaster.pid')) || !pidAlive(data),
        10_000,
        50,
      ).catch(() => undefined);
    }
    child = null;
  };

  await start();
  return {
    url,
    port,
    dir,
    proc: () => child,
    stop,
    start,
    async destroy() {
      await stop('fast');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function pidAlive(data: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
