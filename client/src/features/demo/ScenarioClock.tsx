import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.js';
import { useNow } from '../../lib/useNow.js';
import { useDemoClockStore } from './demoClockStore.js';
import { formatScenarioTime } from './scenarioTime.js';

/** A replay posts its clock every few seconds: after this long without news it has stopped. */
const STALE_MS = 30_000;

/** "Kịch bản Yagi: 07/09/2024 10:30" in the top bar while a demo replay runs (SPEC 9). */
export function ScenarioClock() {
  const { t } = useTranslation();
  const clock = useDemoClockStore((s) => s.clock);
  const heardAt = useDemoClockStore((s) => s.heardAt);
  const now = useNow(5000);
  useEffect(() => {
    // A replay already running when the page opens: ask once, the socket brings the rest.
    void api.get<{ clock: unknown }>('/api/demo').then((r) => {
      if (r.ok && r.data.clock) useDemoClockStore.getState().receive(r.data.clock);
    });
  }, []);
  if (!clock || now - heardAt > STALE_MS) return null;
  const text = formatScenarioTime(clock.at);
  return (
    <div
      className="conn scenario-clock"
      data-testid="scenario-clock"
      role="status"
      aria-label={t('demo.label')}
    >
      {t('demo.clock', { scenario: clock.scenario, at: text })}
    </div>
  );
}
