import { describe, expect, it } from 'vitest';
import { useDemoClockStore } from '../../../../client/src/features/demo/demoClockStore.js';
import { formatScenarioTime } from '../../../../client/src/features/demo/scenarioTime.js';

describe('demo:clock', () => {
  it('shows a scenario time in Viet Nam local time', () => {
    expect(formatScenarioTime('2024-09-07T03:30:00.000Z')).toBe('07/09/2024 10:30');
    expect(formatScenarioTime('2024-09-07T17:05:00.000Z')).toBe('08/09/2024 00:05');
  });

  it('keeps a valid clock and ignores a malformed one', () => {
    const { receive } = useDemoClockStore.getState();
    receive({ scenario: 'Yagi', at: '2024-09-07T03:30:00.000Z' });
    expect(useDemoClockStore.getState().clock).toEqual({ scenario: 'Yagi', at: '2024-09-07T03:30:00.000Z' });
    receive({ scenario: '<b>x</b>', at: 'yesterday' });
    expect(useDemoClockStore.getState().clock?.scenario).toBe('Yagi');
  });
});
