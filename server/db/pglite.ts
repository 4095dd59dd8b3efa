import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.js';
import { DataDirLockedError } from './errors.js';

/** Take the data folder's lock file, refusing clearly when a live process holds it. */
function lockDataDir(dir: string): () => void {
  const lockPath = path.join(dir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by process ${holder}. PGlite cannot be shared: stop that process, use another DATA_DIR, or set DATABASE_URL to a PostgreSQL server to run several processes.`,
        );
      }
      // A stale lock from a process that died: take it over.
      fs.unlinkSync(lockPath);
    }
  }
  throw new DataDirLockedError(`Could not lock ${lockPath}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite on disk in `dataDir`: one process at a time, guarded by a lock file. */
export async function pgliteDb(dataDir: string): Promise<Db> {
  const dir = path.resolve(dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(path.resolve(dataDir));
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  return {
    kind: 'pglite',
    query: (sql, params) => db.query(sql, params),
    exec: async (sql) => {
      await db.exec(sql);
    },
    tx: (fn) =>
      db.transaction((t) =>
        fn({
          query: (sql, params) => t.query(sql, params),
          exec: async (sql) => {
            await t.exec(sql);
          },
        }),
      ),
    async close() {
      await db.close();
      unlock();
    },
  };
}
