import { receive, startStream, type StreamState } from '../../shared/sync.js';
import type { StoredEvent } from '../events/log.js';
import type { Logger } from '../logger.js';

// How long an out-of-order event waits for the ones before it before the gap is read from the log.
const REORDER_WAIT_MS = 150;
// Events read from the log per query while filling a gap.
const FILL_BATCH = 500;

/** What the sequencer needs: where it starts, what it emits to, and the log to fill gaps from. */
export interface SequencerDeps {
  /** The seq already emitted (the log's head at start). */
  start: number;
  /** Emit one event; called once per seq, in seq order. */
  emit: (ev: StoredEvent) => void;
  /** Events after `after`, oldest first, at most `limit` (the event log). */
  readAfter: (after: number, limit: number) => Promise<StoredEvent[]>;
  log: Pick<Logger, 'warn'>;
  waitMs?: number;
}

/** Emits each event once, in seq order, however the bus delivers them. */
export interface Sequencer {
  /** Events from the bus, in any order, possibly repeated. */
  offer(events: readonly StoredEvent[]): void;
  /** Read what was not emitted yet from the log (a lost or late bus message). */
  fill(): Promise<void>;
  /** The last seq emitted. */
  head(): number;
  stop(): void;
}

/**
 * The server's reordering is the client's: shared/sync.ts `receive()` releases contiguous events
 * and holds those past a gap. A gap that stays open `waitMs` is read from the log.
 */
export function createSequencer(deps: SequencerDeps): Sequencer {
  const waitMs = deps.waitMs ?? REORDER_WAIT_MS;
  let state: StreamState<StoredEvent> = startStream(deps.start);
  let emitted = deps.start;
  let gapTimer: NodeJS.Timeout | null = null;
  let filling = false;
  let stopped = false;

  const later = (ms: number) => {
    if (!stopped) gapTimer = setTimeout(() => void fill(), ms);
  };

  const flush = (events: readonly StoredEvent[]) => {
    const step = receive(state, events);
    state = step.state;
    for (const [i, ev] of step.apply.entries()) {
      try {
        emitted = ev.seq;
        deps.emit(ev);
      } catch (err) {
        // What was not emitted waits again, as if it had not been released.
        const rest = [...step.apply.slice(i + 1), ...step.state.pending.values()];
        state = { lastSeq: ev.seq, pending: new Map(rest.map((e) => [e.seq, e])) };
        throw err;
      }
    }
    if (step.gap && !gapTimer) later(waitMs);
  };

  const fill = async () => {
    gapTimer = null;
    if (filling || stopped) return;
    filling = true;
    try {
      for (;;) {
        const batch = await deps.readAfter(emitted, FILL_BATCH);
        if (!batch.length) break;
        flush(batch);
        if (batch.length < FILL_BATCH) break;
      }
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'catch-up from the event log failed');
    } finally {
      filling = false;
      if (state.pending.size && !gapTimer) later(waitMs * 4);
    }
  };

  return {
    offer: flush,
    fill,
    head: () => emitted,
    stop() {
      stopped = true;
      if (gapTimer) clearTimeout(gapTimer);
      gapTimer = null;
    },
  };
}
