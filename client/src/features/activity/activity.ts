import type { ChangeType, VisibleChange } from '../../../../shared/events.js';
import type { ShelterStatus } from '../../../../shared/enums.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';

/** One line of the live activity feed. */
export interface ActivityItem {
  seq: number;
  type: ChangeType;
  at: string;
  recordId: string | null;
  name: string;
  simulated: boolean;
  /** A shelter report that came by SMS. */
  viaSms?: boolean;
  /** The province and month of an incident aggregate change (they carry no name). */
  area?: { provinceCode: string; month: string };
  /** What moved, when the record as it was before is known on this device. */
  detail:
    | { kind: 'status'; from: ShelterStatus; to: ShelterStatus }
    | { kind: 'occupancy'; from: number; to: number }
    | { kind: 'reconfirmed' }
    /** A request the escalation timer moved to the national lead (issue 13). */
    | { kind: 'escalated' }
    | null;
}

/** Most items kept in the feed. */
export const ACTIVITY_MAX = 200;

/** A readable name from any record: most carry `name`, some `title` or `kind`. */
function recordName(data: unknown): { id: string | null; name: string; simulated: boolean } {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: str(d['id']),
    name: str(d['name']) ?? str(d['subjectName']) ?? str(d['title']) ?? str(d['bulletin']) ?? '',
    simulated: d['simulated'] === true,
  };
}

/** Describe one change for the feed, given the shelter as it was before when known. */
export function toActivity(change: VisibleChange, before?: Shelter): ActivityItem {
  const base = { seq: change.seq, type: change.type, at: change.at };
  if (change.type === 'incident:summary-changed' || change.type === 'incident:released') {
    const { provinceCode, month } = change.data;
    return {
      ...base,
      recordId: null,
      name: '',
      simulated: false,
      detail: null,
      area: { provinceCode, month },
    };
  }
  if (change.type !== 'shelter:created' && change.type !== 'shelter:updated') {
    // A thread message names its request.
    const r = recordName(change.type === 'request:message-added' ? change.data.request : change.data);
    // Only the timer writes with no user: an escalation by a person is an ordinary update.
    const escalated =
      change.type === 'request:updated' && change.data.status === 'escalated' && change.by.userId === null;
    const detail = escalated ? ({ kind: 'escalated' } as const) : null;
    return { ...base, recordId: r.id, name: r.name, simulated: r.simulated, detail };
  }
  const s = change.data;
  let detail: ActivityItem['detail'] = null;
  if (change.type === 'shelter:updated' && before && before.version < s.version) {
    if (before.status !== s.status) detail = { kind: 'status', from: before.status, to: s.status };
    else if (before.occupancy !== s.occupancy)
      detail = { kind: 'occupancy', from: before.occupancy, to: s.occupancy };
    else if (before.lastReportedAt !== s.lastReportedAt) detail = { kind: 'reconfirmed' };
  }
  // A report sets updatedAt and lastReportedAt in one statement: equal times mean this change was the report.
  const viaSms =
    change.type === 'shelter:updated' && s.reportSource === 'sms' && s.lastReportedAt === s.updatedAt;
  return {
    ...base,
    recordId: s.id,
    name: s.name,
    simulated: s.simulated,
    detail,
    ...(viaSms ? { viaSms } : {}),
  };
}

/** The panel an item opens besides a shelter's: a service, an alert or a request. */
export function detailKindOf(i: ActivityItem): 'service' | 'alert' | 'request' | null {
  if (!i.recordId) return null;
  if (i.type.startsWith('service:')) return 'service';
  if (i.type.startsWith('alert:')) return 'alert';
  if (i.type.startsWith('request:')) return 'request';
  return null;
}

/** True when the item is about a shelter, so the feed can open its panel. */
export function isShelterActivity(i: ActivityItem): boolean {
  return i.type === 'shelter:created' || i.type === 'shelter:updated';
}

/** Add items to the feed: newest first, each seq once, at most `max` items. */
export function addActivity(
  items: readonly ActivityItem[],
  incoming: readonly ActivityItem[],
  max: number = ACTIVITY_MAX,
): ActivityItem[] {
  if (incoming.length === 0) return [...items];
  const bySeq = new Map<number, ActivityItem>();
  for (const i of items) bySeq.set(i.seq, i);
  // An item already in the feed keeps its richer description if the replayed copy has none.
  for (const i of incoming) if (!bySeq.has(i.seq) || bySeq.get(i.seq)?.detail === null) bySeq.set(i.seq, i);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, max);
}
