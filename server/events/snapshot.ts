import type { Ctx } from '../context.js';
import type { Audience } from '../auth/viewer.js';
import type { Snapshot, SnapshotPart } from '../../shared/events.js';
import type { SnapshotDomain } from '../../shared/snapshotParts.js';
import { headSeq } from './log.js';
import { allDomains, type AnyDomain } from './registry.js';

/**
 * Everything the audience may see, read in one repeatable-read transaction with the seq it is
 * current to. Each registered domain contributes its part, in registration order (a part may use
 * the ones before it, as risk alerts flag the shelters and services as the reader sees them).
 */
export async function snapshot(ctx: Ctx, audience: Audience): Promise<Snapshot> {
  // The parts together are the snapshot: tests/server/contract.test.ts parses it with
  // SnapshotSchema for every role, so a missing part fails there.
  return (await build(ctx, audience, () => true)) as Snapshot;
}

/**
 * The listed domains only, as the whole snapshot has them (the same parts, so the same presenters
 * filter them), current to the seq it says. A domain's part is read when it gives a listed key or
 * one a listed part reads (alerts read shelters and services); only the listed keys are returned.
 */
export async function snapshotPart(
  ctx: Ctx,
  audience: Audience,
  domains: readonly SnapshotDomain[],
): Promise<SnapshotPart> {
  const wanted = new Set<string>(domains);
  const needed = new Set<string>(domains);
  for (const d of allDomains())
    if (d.snapshotKeys?.some((k) => wanted.has(k))) for (const n of d.snapshotNeeds ?? []) needed.add(n);
  // A part that does not say its keys is always read: it is never left out by mistake.
  const runs = (d: AnyDomain) => !d.snapshotKeys || d.snapshotKeys.some((k) => needed.has(k));
  const built = await build(ctx, audience, runs);
  const part: Record<string, unknown> = { seq: built.seq, domains: [...domains] };
  for (const k of domains) if (built[k] !== undefined) part[k] = built[k];
  return part as SnapshotPart;
}

async function build(
  ctx: Ctx,
  audience: Audience,
  runs: (d: AnyDomain) => boolean,
): Promise<Partial<Snapshot>> {
  return ctx.db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const built: Partial<Snapshot> = { seq: await headSeq(q) };
    for (const d of allDomains())
      if (d.snapshotPart && runs(d)) Object.assign(built, await d.snapshotPart({ ctx, q, audience, built }));
    return built;
  });
}
