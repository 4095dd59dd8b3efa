import { describe, expect, it, vi } from 'vitest';
import type { Queryable } from '../../../server/db/db.js';
import type { Viewer } from '../../../server/auth/viewer.js';
import { cachedViewer, forgetCached } from '../../../server/auth/sessions.js';

const viewer = (sessionId: string, userId = 'u1') => ({ sessionId, userId }) as Viewer;
/** A load that waits until released, counting its calls. */
function slowLoad(result: () => Viewer | null) {
  const releases: (() => void)[] = [];
  const load = vi.fn(() => new Promise<Viewer | null>((r) => releases.push(() => r(result()))));
  return { load, release: () => releases.splice(0).forEach((r) => r()) };
}

describe('the session cache in a reconnect storm', () => {
  it('makes one load for many sockets back at once with one cookie', async () => {
    const q = {} as Queryable;
    const { load, release } = slowLoad(() => viewer('s1'));
    const asks = Array.from({ length: 50 }, () => cachedViewer(q, 's1', load));
    const other = cachedViewer(q, 's2', load);
    release();
    for (const v of await Promise.all(asks)) expect(v).toEqual(viewer('s1'));
    expect(await other).toEqual(viewer('s1'));
    expect(load).toHaveBeenCalledTimes(2);
    // Then from the cache.
    await cachedViewer(q, 's1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads again for those waiting when a revocation comes during the load', async () => {
    const q = {} as Queryable;
    let valid = true;
    const { load, release } = slowLoad(() => (valid ? viewer('s1') : null));
    const asked = cachedViewer(q, 's1', load);
    valid = false;
    forgetCached(q, { userId: 'u1' });
    // The first load answers as before the revocation; its waiters ask again.
    release();
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    release();
    expect(await asked).toBeNull();
  });

  it('does not share a load between callers with a proof (API tokens)', async () => {
    const q = {} as Queryable;
    const { load, release } = slowLoad(() => viewer('t1'));
    const asks = [
      cachedViewer(q, 't1', load, Buffer.from('a')),
      cachedViewer(q, 't1', load, Buffer.from('b')),
    ];
    release();
    await Promise.all(asks);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
