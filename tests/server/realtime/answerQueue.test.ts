import { describe, expect, it } from 'vitest';
import { answerQueue } from '../../../server/realtime/backpressure.js';

const turn = () => new Promise<void>((r) => setImmediate(r));
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('the answer queue', () => {
  it('runs cheap answers together in one turn, in order', async () => {
    const inTurn = answerQueue(50);
    const ran: number[] = [];
    for (let i = 0; i < 100; i++) inTurn(() => ran.push(i));
    expect(ran).toEqual([]);
    await turn();
    expect(ran).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('lets the loop take its turn once answers have held it for their time', async () => {
    const inTurn = answerQueue(5);
    const ran: number[] = [];
    for (let i = 0; i < 4; i++) inTurn(() => (busy(10), ran.push(i)));
    let between = -1;
    setImmediate(() => setImmediate(() => (between = ran.length)));
    while (ran.length < 4) await turn();
    // One slow answer per turn, and other work ran between them.
    expect(between).toBeGreaterThan(0);
    expect(between).toBeLessThan(4);
    expect(ran).toEqual([0, 1, 2, 3]);
  });
});
