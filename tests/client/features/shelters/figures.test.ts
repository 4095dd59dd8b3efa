import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../../../client/src/features/shelters/figures.js';
import { buildShelter } from '../../../helpers/factories.js';

const now = new Date('2024-09-08T12:00:00.000Z');
const recent = '2024-09-08T10:00:00.000Z';
const old = '2024-09-07T20:00:00.000Z'; // 16 h before now

describe('computeFigures', () => {
  it('counts people only in open, full and closing shelters', () => {
    const f = computeFigures(
      [
        buildShelter({ status: 'open', occupancy: 100, lastReportedAt: recent }),
        buildShelter({ status: 'full', occupancy: 200, lastReportedAt: recent }),
        buildShelter({ status: 'closing', occupancy: 5, lastReportedAt: recent }),
        buildShelter({ status: 'standby', occupancy: 7, lastReportedAt: recent }),
        buildShelter({ status: 'closed', occupancy: 9, lastReportedAt: recent }),
        buildShelter({ status: 'damaged', occupancy: 11, lastReportedAt: recent }),
      ],
      now,
    );
    expect(f.peopleSheltered).toBe(305);
    expect(f.sheltersFull).toBe(1);
    expect(f.sheltersOpen).toBe(1);
    expect(f.sheltersStale).toBe(0);
  });

  it('counts a shelter as stale after 12 hours without a report', () => {
    const f = computeFigures(
      [
        buildShelter({ lastReportedAt: old }),
        buildShelter({ lastReportedAt: recent }),
        buildShelter({ status: 'closed', lastReportedAt: old }),
      ],
      now,
    );
    expect(f.sheltersStale).toBe(2);
  });

  it('is all zeros for no shelters', () => {
    expect(computeFigures([], now)).toEqual({
      peopleSheltered: 0,
      sheltersFull: 0,
      sheltersStale: 0,
      sheltersOpen: 0,
    });
  });
});
