import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { login, type ApiClient } from '../../helpers/client.js';
import { waitFor } from '../../helpers/net.js';
import { checkLog, sleep, useProxiedPair } from './cluster.js';

const LOCK_TIMEOUT_MS = 1000;
const IDLE_IN_TX_MS = 2000;

describe('fault: a process frozen (SIGSTOP) inside a write, holding the event counter lock', () => {
  // `a` goes through the proxy, which freezes it.
  const p = useProxiedPair({
    env: {
      DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: String(IDLE_IN_TX_MS),
    },
    beforeStop: ({ a }) => void a.proc.kill('SIGCONT'),
  });

  const version = async (id: string) =>
    Number(
      (await p.db.query<{ version: number }>('SELECT version FROM shelters WHERE id = $1', [id])).rows[0]!
        .version,
    );

  it('lets the other process write again within the timeouts, and nothing is half-written when the frozen one resumes', async () => {
    const { a, b, db, proxy } = p;
    const opsA = await login(a.url, 'ops');
    const opsB: ApiClient = await login(b.url, 'ops');
    const [s1, s2] = (await opsB.get<Shelter[]>('/api/shelters')).body.data!;
    const figures: Record<string, number> = {};

    let frozenAt = 0;
    proxy.onNextCounterLock(() => {
      a.proc.kill('SIGSTOP');
      frozenAt = Date.now();
    });
    const keyA = randomUUID();
    const bodyA = { version: s1!.version, occupancy: 7 };
    const pendingA = opsA.send('PATCH', `/api/shelters/${s1!.id}`, bodyA, { 'Idempotency-Key': keyA });
    await waitFor(() => frozenAt > 0, 10_000, 5);
    // PostgreSQL has run the frozen process's counter update and waits for its next statement, lock held.
    await waitFor(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM pg_stat_activity WHERE state = 'idle in transaction' AND query ILIKE '%update%event_counter%'`,
          )
        ).rows.length === 1,
      5000,
      10,
    );

    // B writes another shelter: it needs the counter lock the frozen process holds.
    const keyB = randomUUID();
    const statuses: { status: number; code?: string }[] = [];
    let okAt = 0;
    while (Date.now() - frozenAt < 15_000) {
      const r = await opsB.send<Shelter>(
        'PATCH',
        `/api/shelters/${s2!.id}`,
        { version: s2!.version, occupancy: 9 },
        { 'Idempotency-Key': keyB },
      );
      statuses.push({ status: r.status, code: r.body.error?.code });
      if (r.status === 200) {
        okAt = Date.now();
        break;
      }
      await sleep(100);
    }
    figures.otherProcessWritesAgainAfterMs = okAt - frozenAt;
    expect(okAt, JSON.stringify(statuses)).toBeGreaterThan(0);
    // Waiting on the lock is answered 503 unavailable (retry), never 500.
    for (const s of statuses.slice(0, -1)) expect(s).toEqual({ status: 503, code: 'unavailable' });
    // PostgreSQL ends the frozen session after the idle-in-transaction timeout, freeing the lock.
    expect(figures.otherProcessWritesAgainAfterMs).toBeLessThan(IDLE_IN_TX_MS + LOCK_TIMEOUT_MS + 1000);
    expect(await version(s2!.id)).toBe(s2!.version + 1);

    // The frozen process resumes: its transaction was rolled back, its reply says nothing was saved.
    a.proc.kill('SIGCONT');
    const resumed = Date.now();
    const rA = await pendingA;
    figures.frozenReplyAfterResumeMs = Date.now() - resumed;
    expect(rA.status, JSON.stringify(rA.body)).toBe(503);
    expect(rA.body.error?.code).toBe('unavailable');
    expect(rA.body.error?.message).toMatch(/Nothing was saved/);
    expect(await version(s1!.id)).toBe(s1!.version);
    const { rows: keys } = await db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [keyA]);
    expect(keys).toEqual([]);
    await checkLog(p.pg.url);

    // The same action retried with its key now applies, once.
    const again = await opsA.send<Shelter>('PATCH', `/api/shelters/${s1!.id}`, bodyA, {
      'Idempotency-Key': keyA,
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await version(s1!.id)).toBe(s1!.version + 1);
    await checkLog(p.pg.url);
    console.log(
      'frozen-lock figures (ms):',
      JSON.stringify({ ...figures, attemptsByOther: statuses.length }),
    );
  });
});
