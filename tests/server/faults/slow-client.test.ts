import fs from 'node:fs';
import type net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import { type ApiClient } from '../../helpers/client.js';
import { stalledClient } from '../../helpers/stalled.js';
import { expectAlive, expectConverged, sleep, useCluster, openReplicas, opsAndShelters } from './cluster.js';

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

describe('fault: a client that stops reading', () => {
  const c = useCluster();

  it('does not slow delivery to the other clients', async () => {
    const replicas = await openReplicas(c, ['ops', 'viewer'], ['ops', 'gbv']);
    const stalled: net.Socket[] = [];
    try {
      const { ops, shelters } = await opsAndShelters(c);
      const versions = new Map(shelters.map((s) => [s.id, s.version]));
      const sentAt = new Map<string, number>();
      const latencies: number[] = [];
      let counter = 0;
      for (const r of replicas) {
        r.onPush = (ch) => {
          if (ch.type !== 'shelter:updated') return;
          const t = sentAt.get(`${ch.data.id}:${ch.data.occupancy}`);
          if (t !== undefined) latencies.push(Date.now() - t);
        };
      }
      /** `n` writes at 20/s through both servers; returns the delivery latencies to the replicas. */
      const burst = async (api: ApiClient, n: number) => {
        latencies.length = 0;
        for (let i = 0; i < n; i++) {
          const s = shelters[i % shelters.length]!;
          const occupancy = 10_000 + ++counter;
          sentAt.set(`${s.id}:${occupancy}`, Date.now());
          const url = c.urls[i % 2]!;
          const res = await fetch(`${url}/api/shelters/${s.id}`, {
            method: 'PATCH',
            headers: { cookie: api.cookie, 'content-type': 'application/json' },
            body: JSON.stringify({ version: versions.get(s.id), occupancy }),
          });
          expect(res.status).toBe(200);
          versions.set(s.id, ((await res.json()) as { data: Shelter }).data.version);
          await sleep(50);
        }
        await expectConverged(c.urls, replicas, 10_000);
        return [...latencies];
      };

      // Grow the log so that a full replay is large (about 1.5 KB per event).
      const baseline = await burst(ops, 80);
      const rssBefore = rssMb(c.servers[0]!.proc.pid!);
      // Eight stalled clients on server A, each with 40 full replays queued: tens of MB it cannot deliver.
      for (let i = 0; i < 8; i++) stalled.push(await stalledClient(c.urls[0]!, ops.cookie, 40));
      await sleep(1500);
      const during = await burst(ops, 80);
      const rssAfter = rssMb(c.servers[0]!.proc.pid!);

      expectAlive(c.servers);
      expect(baseline.length).toBe(80 * replicas.length);
      expect(during.length).toBe(80 * replicas.length);
      const p95 = { baseline: quantile(baseline, 0.95), during: quantile(during, 0.95) };
      // Generous: the machine is shared, so absolute times drift; a slow client holding up the
      // others would show as seconds, not tens of milliseconds.
      expect(p95.during, JSON.stringify({ p95, rssBefore, rssAfter })).toBeLessThan(
        Math.max(3 * p95.baseline, p95.baseline + 250),
      );
      expect(rssAfter - rssBefore, JSON.stringify({ rssBefore, rssAfter })).toBeLessThan(400);
    } finally {
      stalled.forEach((s) => s.destroy());
    }
  });
});
