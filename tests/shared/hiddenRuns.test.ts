import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/events.js';
import { foldHidden, unfoldHidden, UNFOLD_MAX } from '../../shared/hiddenRuns.js';
import { LIMITS } from '../../shared/limits.js';

const hidden = (seq: number): Change => ({ seq, type: 'hidden' });
const visible = (seq: number): Change =>
  ({
    seq,
    type: 'shelter:updated',
    data: {},
    at: '',
    by: { userId: null, orgId: null },
  }) as unknown as Change;

/** A catch-up's events: increasing seqs (with gaps, as a page never has but the helper must not assume), each hidden or not. */
const replies = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()), { maxLength: 200 })
  .map((steps) => {
    let seq = 0;
    return steps.map(([step, isHidden]) => ((seq += step), isHidden ? hidden(seq) : visible(seq)));
  });

describe('placeholder runs (issue 12: fewer bytes per catch-up)', () => {
  it('folds consecutive placeholders into runs and unfolds them to the same events', () => {
    const events = [hidden(5), hidden(6), hidden(7), visible(8), hidden(9), hidden(11), hidden(12)];
    const folded = foldHidden(events);
    expect(folded).toEqual([
      { seq: 5, type: 'hidden', through: 7 },
      events[3],
      hidden(9),
      { seq: 11, type: 'hidden', through: 12 },
    ]);
    expect(unfoldHidden(folded, 100)).toEqual(events);
  });

  it('for any reply: unfolding the folded events gives them back, and no two runs could be one', () => {
    fc.assert(
      fc.property(replies, (events) => {
        const folded = foldHidden(events);
        expect(unfoldHidden(folded, 10_000)).toEqual(events);
        for (let i = 1; i < folded.length; i++) {
          const [a, b] = [folded[i - 1]!, folded[i]!];
          const end = 'through' in a ? a.through : a.seq;
          expect(a.type === 'hidden' && b.type === 'hidden' && b.seq === end + 1).toBe(false);
        }
      }),
    );
  });

  it.each([
    ['through before seq', { seq: 9, type: 'hidden', through: 8 }],
    ['through not a whole number', { seq: 9, type: 'hidden', through: 9.5 }],
    ['through as text', { seq: 9, type: 'hidden', through: '12' }],
    ['a run of something other than placeholders', { seq: 9, type: 'shelter:updated', through: 12 }],
    ['seq 0', { seq: 0, type: 'hidden', through: 3 }],
  ])('refuses a malformed run (%s)', (_, run) => {
    expect(unfoldHidden([hidden(1), run], 100)).toBeNull();
  });

  it('refuses a reply that would unfold past the bound', () => {
    expect(unfoldHidden([{ seq: 1, type: 'hidden', through: 1_000_000_000 }], 5000)).toBeNull();
    expect(unfoldHidden([{ seq: 1, type: 'hidden', through: 5000 }], 5000)).toHaveLength(5000);
    expect(unfoldHidden([{ seq: 1, type: 'hidden', through: 5000 }, hidden(5001)], 5000)).toBeNull();
  });

  it('bounds by default at twice the replay window (what the app and the bench both unfold to)', () => {
    expect(UNFOLD_MAX).toBe(2 * LIMITS.syncReplayMax);
    expect(unfoldHidden([{ seq: 7, type: 'hidden', through: 6 + UNFOLD_MAX }])).toHaveLength(UNFOLD_MAX);
    expect(unfoldHidden([{ seq: 7, type: 'hidden', through: 7 + UNFOLD_MAX }])).toBeNull();
  });
});
