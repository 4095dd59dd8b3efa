import type { Change } from '../../../shared/events.js';
import { useDisplayStore } from '../app/displayStore.js';
import type { Snapshot } from './snapshot.js';

/**
 * The briefing freeze: while frozen, what the stream releases is held here in order instead of
 * reaching the stores, so the wall keeps still. The stream itself goes on (seq advances, nothing is
 * asked again); unfreezing hands everything held back, in the order it came.
 */
let held: Change[] = [];
/** A snapshot that came while frozen (a reset): it replaces the stores first, then `held` follows it. */
let heldSnapshot: Snapshot | null = null;

const display = () => useDisplayStore.getState();

function count(): void {
  const at = display().frozenAt;
  if (at !== null) display().setFrozen(at, held.length + (heldSnapshot ? 1 : 0));
}

export function isFrozen(): boolean {
  return display().frozenAt !== null;
}

export function freeze(now: number = Date.now()): void {
  if (isFrozen()) return;
  held = [];
  heldSnapshot = null;
  display().setFrozen(now, 0);
}

export function hold(changes: readonly Change[]): void {
  held.push(...changes);
  count();
}

/** A new snapshot holds every change before it: those held so far are in it. */
export function holdSnapshot(snap: Snapshot): void {
  heldSnapshot = snap;
  held = [];
  count();
}

/** End the freeze and take what was held, to be applied in this order. */
export function release(): { snapshot: Snapshot | null; changes: Change[] } {
  const out = { snapshot: heldSnapshot, changes: held };
  held = [];
  heldSnapshot = null;
  display().setFrozen(null, 0);
  return out;
}
