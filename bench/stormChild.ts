import { StormClient } from './stormClient.js';
import { pool, sleep } from './lib.js';

/**
 * One child process's share of the catch-up storm's clients (bench/catchup.ts starts it over IPC).
 * Each has its own event loop, as each dashboard has its own device: a thousand clients parsing
 * their replies on one loop would time that loop's queue as much as the server. Times are taken on
 * this process's own clock, from the moment it is told to reconnect.
 */
export type StormRequest =
  | { op: 'connect'; urls: string[]; cookies: string[]; clients: number; offset: number; startSeq: number }
  | { op: 'away' }
  | { op: 'back'; target: number; timeoutMs: number };

export type StormReply =
  | { op: 'ready' }
  | { op: 'connected' }
  | { op: 'gone' }
  | { op: 'back'; times: number[]; notCurrent: number }
  | { op: 'error'; message: string };

let clients: StormClient[] = [];
const reply = (m: StormReply) => process.send!(m);

process.on('message', (m: StormRequest) => {
  void (async () => {
    if (m.op === 'connect') {
      clients = Array.from({ length: m.clients }, (_, k) => {
        const i = m.offset + k;
        return new StormClient(m.urls[i % m.urls.length]!, m.cookies[i % m.cookies.length]!, m.startSeq);
      });
      await pool(clients, 50, (cl) => cl.connect());
      reply({ op: 'connected' });
    } else if (m.op === 'away') {
      for (const cl of clients) cl.socket.disconnect();
      reply({ op: 'gone' });
    } else {
      const t0 = performance.now();
      for (const cl of clients) {
        cl.target = m.target;
        cl.t0 = t0;
      }
      await Promise.allSettled(clients.map((cl) => cl.connect()));
      const deadline = t0 + m.timeoutMs;
      while (clients.some((cl) => !cl.currentAt) && performance.now() < deadline) await sleep(20);
      clients.forEach((cl) => cl.socket.close());
      const done = clients.filter((cl) => cl.currentAt);
      reply({ op: 'back', times: done.map((cl) => cl.currentAt), notCurrent: clients.length - done.length });
    }
  })().catch((err: unknown) => reply({ op: 'error', message: (err as Error).message }));
});
// Stopped with SIGTERM when profiled (BENCH_CPU_PROF, bench/child.ts): exiting writes the profile.
process.on('SIGTERM', () => process.exit(0));
reply({ op: 'ready' });
