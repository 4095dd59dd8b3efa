import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol.js';
import { needsReload } from '../../../client/src/realtime/protocol.js';
import { parseHello } from '../../../client/src/realtime/validate.js';

describe('protocol comparison', () => {
  it('asks for a reload only when the server speaks another protocol', () => {
    expect(needsReload(PROTOCOL_VERSION)).toBe(false);
    expect(needsReload(PROTOCOL_VERSION + 1)).toBe(true);
    expect(needsReload(PROTOCOL_VERSION - 1)).toBe(true);
    expect(needsReload(3, 3)).toBe(false);
    expect(needsReload(2, 3)).toBe(true);
  });

  it('reads a hello with HelloSchema and drops a malformed one', () => {
    expect(parseHello({ protocol: 2, head: 7 })).toEqual({ protocol: 2, head: 7 });
    expect(parseHello({ protocol: '1', head: 7 })).toBeNull();
    expect(parseHello({ protocol: 1 })).toBeNull();
    expect(parseHello(null)).toBeNull();
  });
});
