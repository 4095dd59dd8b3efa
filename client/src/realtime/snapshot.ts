import type { Snapshot as ServerSnapshot } from '../../../shared/events.js';

/**
 * GET /api/snapshot as the client keeps it (`SnapshotSchema` in shared/events.ts). `stockTotals` and
 * `incidents` are absent for roles that may not read them. (The server's `inAlert` is not kept:
 * flags are worked out here from the alerts, so they follow live changes.)
 */
export type Snapshot = Omit<ServerSnapshot, 'inAlert'>;
