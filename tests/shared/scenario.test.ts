import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offsetMinutes, ScenarioSchema } from '../../shared/schemas/scenario.js';
import { planSteps } from '../../scripts/replay/scenario.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', f), 'utf8'));
const step = (over: Record<string, unknown> = {}) => ({
  offset: '+0d01:00',
  actor: 'ops',
  action: 'create',
  entity: 'alert',
  key: 'a1',
  body: {},
  source: 'S',
  note: 'n',
  ...over,
});

describe('ScenarioSchema', () => {
  it.each(['yagi-2024.json', 'central-2025.json'])('accepts %s', (f) => {
    expect(ScenarioSchema.safeParse(read(f)).success).toBe(true);
  });

  it('names a patch of a key never created', () => {
    const r = ScenarioSchema.safeParse({
      name: 'x',
      start: '2024-09-03T00:00:00+07:00',
      steps: [step({ action: 'patch', key: 'nope' })],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['steps', 0, 'key']);
  });

  it('refuses steps out of order, a bad offset, an unknown actor and an unknown reference', () => {
    const bad = (steps: unknown[]) =>
      ScenarioSchema.safeParse({ name: 'x', start: '2024-09-03T00:00:00+07:00', steps }).error?.issues.map(
        (i) => i.path.join('.'),
      );
    expect(bad([step({ offset: '+1d00:00' }), step({ key: 'a2' })])).toEqual(['steps.1.offset']);
    expect(bad([step({ offset: '1 day' })])).toContain('steps.0.offset');
    expect(bad([step({ actor: 'admin' })])).toContain('steps.0.actor');
    expect(bad([step({ body: { shelterId: '$id:ghost' } })])).toEqual(['steps.0.body']);
  });

  it('reads offsets and plans a window, fast-forwarding what comes before it', () => {
    expect(offsetMinutes('+4d10:30')).toBe(4 * 1440 + 630);
    const s = ScenarioSchema.parse(read('yagi-2024.json'));
    const plan = planSteps(s, '2024-09-07', '2024-09-08');
    expect(plan.some((p) => p.fastForward)).toBe(true);
    expect(plan.filter((p) => !p.fastForward).every((p) => p.step.offset >= '+4d')).toBe(true);
    expect(plan.at(-1)!.step.offset.startsWith('+5d')).toBe(true);
  });
});
