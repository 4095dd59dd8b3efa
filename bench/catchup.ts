import type { BenchCluster } from './cluster.js';
import type { StormReply, StormRequest } from './stormChild.js';
import { startChild } from './child.js';
import { atRate, httpJson, sleep } from './lib.js';

/** Processes the storm's clients are spread over (each with its own event loop, as each device has). */
export const STORM_PROCESSES = 2;

interface Shelter {
  id: string;
  version: number;
}

async function head(c: BenchCluster): Promise<number> {
  const res = await fetch(`${c.app[0].url}/api/events?after=0&limit=1`, {
    headers: { cookie: c.cookies.ops! },
  });
  return ((await res.json()) as { data: { head: number } }).data.head;
}

/**
 * N clients go away for `awaySeconds` while changes continue at `rate` (or, for a plain
 * reconnect, nothing changes), then all reconnect at once: time until each is current.
 */
export async function catchUpTrial(
  c: BenchCluster,
  shelters: Shelter[],
  opts: { clients: number; awaySeconds: number; rate: number; storm: boolean; processes?: number },
): Promise<{ times: number[]; missed: number; notCurrent: number }> {
  const roles = ['ops', 'viewer', 'gbv'];
  const start = await head(c);
  const size = opts.processes ?? STORM_PROCESSES;
  const children = await Promise.all(
    Array.from({ length: size }, () =>
      startChild<StormRequest, StormReply>('bench/stormChild.ts', 'storm client'),
    ),
  );
  try {
    const share = (i: number) => Math.floor(opts.clients / size) + (i < opts.clients % size ? 1 : 0);
    const all = <Op extends StormReply['op']>(m: (i: number) => StormRequest, op: Op) =>
      Promise.all(children.map((t, i) => t.ask(m(i), op)));
    const urls = c.app.map((n) => n.url);
    const cookies = roles.map((r) => c.cookies[r]!);
    await all(
      (i) => ({
        op: 'connect',
        urls,
        cookies,
        clients: share(i),
        offset: children.slice(0, i).reduce((a, _, j) => a + share(j), 0),
        startSeq: start,
      }),
      'connected',
    );
    await sleep(300);
    await all(() => ({ op: 'away' }), 'gone');

    let n = 0;
    const write = async (i: number) => {
      const s = shelters[i % shelters.length]!;
      const { body } = await httpJson<{ data?: Shelter }>(`${c.app[i % 2]!.url}/api/shelters/${s.id}`, {
        method: 'PATCH',
        headers: { cookie: c.cookies.ops! },
        body: { version: s.version, occupancy: (n++ % 5000) + 1 },
      });
      if (body.data) s.version = body.data.version;
    };
    if (opts.storm) await atRate(opts.rate, opts.awaySeconds * 1000, write);
    else await sleep(500);

    const target = await head(c);
    // Everyone back at once; changes keep coming meanwhile.
    let more = true;
    const background = opts.storm
      ? (async () => {
          for (let i = 0; more; i++) {
            await write(i).catch(() => undefined);
            await sleep(1000 / opts.rate);
          }
        })()
      : Promise.resolve();
    const back = await all(() => ({ op: 'back', target, timeoutMs: 30_000 }), 'back');
    more = false;
    await background;
    return {
      times: back.flatMap((b) => b.times),
      missed: target - start,
      notCurrent: back.reduce((a, b) => a + b.notCurrent, 0),
    };
  } finally {
    await Promise.all(children.map((t) => t.stop()));
  }
}
