import { Worker } from 'node:worker_threads';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { BenchCluster } from './cluster.js';
import { LIMITS } from '../shared/limits.js';
import { sleep } from './lib.js';

async function headSeq(c: BenchCluster): Promise<number> {
  const res = await fetch(`${c.app[0].url}/api/events?after=0&limit=1`, {
    headers: { cookie: c.cookies.ops! },
  });
  return ((await res.json()) as { data: { head: number } }).data.head;
}

// The probe runs on its own thread: in the readers' event loop it would time their JSON parsing
// (5,000 placeholders a page) as much as the server's answer.
const PROBE = `
const { parentPort, workerData: { url, ms, everyMs } } = require('node:worker_threads');
(async () => {
  const out = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    await fetch(url + '/healthz').then((r) => r.arrayBuffer());
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  parentPort.postMessage(out);
})();
`;

/** /healthz latencies (ms) on one node, one probe every `everyMs`, for `ms`, from a worker thread. */
async function probeHealth(url: string, ms: number, everyMs = 20): Promise<number[]> {
  const worker = new Worker(PROBE, { eval: true, workerData: { url, ms, everyMs } });
  try {
    return await new Promise<number[]>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

/**
 * Issue 7, item 8: `readers` sockets on node A read the whole replayable history again and again
 * (page by page, as the dashboard does) while /healthz on A is probed; `readers = 0` is the
 * baseline. Returns the probe latencies and how many events the readers received.
 */
export async function historyReadTrial(
  c: BenchCluster,
  opts: { readers: number; seconds: number },
): Promise<{ health: number[]; events: number; pages: number }> {
  const head = await headSeq(c);
  const from = Math.max(0, head - LIMITS.syncReplayMax + 1);
  const roles = ['ops', 'gbv', 'viewer'];
  const sockets: Socket[] = [];
  for (let i = 0; i < opts.readers; i++) {
    const s = ioClient(c.app[0].url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: c.cookies[roles[i % 3]!]! },
    });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    sockets.push(s);
  }
  let running = true;
  let events = 0;
  let pages = 0;
  const readers = sockets.map(async (s) => {
    while (running) {
      let after = from;
      for (;;) {
        const reply = (await s.timeout(30_000).emitWithAck('sync', { afterSeq: after })) as {
          ok: boolean;
          data?: { reset: boolean; events?: { seq: number }[]; head: number };
        };
        if (!reply.ok || !reply.data || reply.data.reset || !reply.data.events?.length) break;
        pages++;
        events += reply.data.events.length;
        after = reply.data.events.at(-1)!.seq;
        if (after >= reply.data.head || !running) break;
      }
    }
  });
  await sleep(300);
  const health = await probeHealth(c.app[0].url, opts.seconds * 1000);
  running = false;
  await Promise.allSettled(readers);
  sockets.forEach((s) => s.close());
  return { health, events, pages };
}
