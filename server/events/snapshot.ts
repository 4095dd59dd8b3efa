import type { Ctx } from '../context.js';
import type { Audience } from '../auth/viewer.js';
import type { Snapshot } from '../../shared/events.js';
import { headSeq } from './log.js';
import { allDomains } from './registry.js';

/**
 * Everything the audience may see, read in one repeatable-read transaction with the seq it is
 * current to. Each registered domain contributes its part, in registration order (a part may use
 * the ones before it, as risk alerts flag the shelters and services as the reader sees them).
 */
export async function snapshot(ctx: Ctx, audience: Audience): Promise<Snapshot> {
  return ctx.db.tx(async (q) => {
    await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const built: Partial<Snapshot> = { seq: await headSeq(q) };
    for (const d of allDomains())
      if (d.snapshotPart) Object.assign(built, await d.snapshotPart({ ctx, q, audience, built }));
    // The parts together are the snapshot: tests/server/contract.test.ts parses it with
    // SnapshotSchema for every role, so a missing part fails there.
    return built as Snapshot;
  });
}
