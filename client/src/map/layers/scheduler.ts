/** A layer's redraw from its stores; a promise while MapLibre is still taking the data in. */
export type LayerUpdate = () => void | Promise<unknown>;

/**
 * The shared repaint grid of the layers whose every change repaints the canvas (a service's status, a
 * request badge): at most two repaints a second for all of them together, so a change is drawn well
 * within the second an operations room expects.
 */
export const PAINT_CADENCE_MS = 500;

/** How often one layer may redraw, and whether it also redraws with the clock. */
export interface UpdateOptions {
  /** At least this long between two redraws (a large clustered source is slow to rebuild). */
  minIntervalMs?: number;
  /** Redraw on the scheduler's clock too: staleness and alerts in force move with time. */
  clock?: boolean;
  /**
   * Repaint with the other layers that change what is drawn, on one shared grid of this period: a
   * layer that redrew in one slot waits for the next slot's start, so every such layer asked for in
   * a slot redraws in the same frame. Where each repaint of the canvas is dear (software WebGL reads
   * it back on every frame that changed), two layers then cost one repaint, not two.
   */
  cadenceMs?: number;
}

/** The one update scheduler of the map: every layer asks it for a redraw, none keeps its own timer. */
export interface UpdateScheduler {
  /** Register a layer's redraw; returns the function that asks for it (cheap, call it on every change). */
  add(update: LayerUpdate, options?: UpdateOptions): () => void;
  /** Stop every timer and frame; later requests are ignored. */
  dispose(): void;
}

interface Entry extends Required<UpdateOptions> {
  update: LayerUpdate;
  dirty: boolean;
  busy: boolean;
  lastAt: number;
}

/**
 * Batches the redraws of every layer into animation frames: at most one redraw per layer per frame,
 * at most one in flight per layer (a request meanwhile runs once it settles), and no more often than
 * the layer's `minIntervalMs`. One clock marks the clock-driven layers every `clockMs`.
 */
export function createUpdateScheduler(
  clockMs = 60_000,
  now: () => number = () => performance.now(),
): UpdateScheduler {
  const entries: Entry[] = [];
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  let disposed = false;

  const dueAt = (e: Entry) =>
    Math.max(
      e.lastAt + e.minIntervalMs,
      e.cadenceMs ? (Math.floor(e.lastAt / e.cadenceMs) + 1) * e.cadenceMs : -Infinity,
    );

  const plan = () => {
    if (disposed || frame) return;
    const waiting = entries.filter((e) => e.dirty && !e.busy);
    if (!waiting.length) return;
    const at = Math.min(...waiting.map(dueAt));
    const wait = at - now();
    if (wait <= 0) {
      frame = requestAnimationFrame(flush);
      return;
    }
    if (timer !== undefined && timerAt <= at) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      plan();
    }, wait);
  };

  const run = (e: Entry) => {
    e.dirty = false;
    e.busy = true;
    e.lastAt = now();
    const settle = () => {
      e.busy = false;
      plan();
    };
    let result: void | Promise<unknown>;
    try {
      result = e.update();
    } catch (err) {
      console.error('map: layer update failed', err);
      return settle();
    }
    if (result instanceof Promise) void result.catch(() => undefined).finally(settle);
    else settle();
  };

  function flush() {
    frame = 0;
    if (disposed) return;
    const t = now();
    for (const e of entries) if (e.dirty && !e.busy && dueAt(e) <= t) run(e);
    plan();
  }

  const clock = setInterval(() => {
    for (const e of entries) if (e.clock) e.dirty = true;
    plan();
  }, clockMs);

  return {
    add(update, options = {}) {
      const e: Entry = {
        update,
        minIntervalMs: options.minIntervalMs ?? 0,
        clock: options.clock ?? false,
        cadenceMs: options.cadenceMs ?? 0,
        dirty: false,
        busy: false,
        lastAt: -Infinity,
      };
      entries.push(e);
      return () => {
        e.dirty = true;
        plan();
      };
    },
    dispose() {
      disposed = true;
      clearInterval(clock);
      if (frame) cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
