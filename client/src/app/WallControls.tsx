import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.js';
import { freezePicture, unfreezePicture } from '../realtime/realtime.js';
import { useDisplayStore } from './displayStore.js';

/** The clock the freeze button names, to the minute. */
function useNow(): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date().toISOString()), 15_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** The top bar's wall toggle, and on the wall the briefing freeze button. */
export function WallControls() {
  const { t } = useTranslation();
  const f = useFormat();
  const wall = useDisplayStore((s) => s.wall);
  const frozenAt = useDisplayStore((s) => s.frozenAt);
  const setWall = useDisplayStore((s) => s.setWall);
  const now = useNow();
  return (
    <>
      <button
        type="button"
        className="btn"
        aria-pressed={wall}
        data-testid="toggle-wall"
        onClick={() => {
          // Leaving the wall ends a freeze, so a desk screen is never left still without its banner.
          if (wall) unfreezePicture();
          setWall(!wall);
        }}
      >
        {wall ? t('wall.leave') : t('wall.enter')}
      </button>
      {wall && (
        <button
          type="button"
          className="btn btn--primary"
          aria-pressed={frozenAt !== null}
          data-testid="freeze"
          onClick={() => (frozenAt === null ? freezePicture() : unfreezePicture())}
        >
          {frozenAt === null ? t('wall.freeze', { time: f.time(now) }) : t('wall.unfreeze')}
        </button>
      )}
    </>
  );
}

/** While frozen: when, and how many changes wait; unfreezing from here applies them. */
export function FreezeBanner() {
  const { t } = useTranslation();
  const f = useFormat();
  const frozenAt = useDisplayStore((s) => s.frozenAt);
  const waiting = useDisplayStore((s) => s.waiting);
  if (frozenAt === null) return null;
  return (
    <div className="banner-frozen" role="status" data-testid="freeze-banner" data-waiting={waiting}>
      <span>{t('wall.frozen', { time: f.time(new Date(frozenAt).toISOString()), count: waiting })}</span>
      <button type="button" className="btn" data-testid="unfreeze" onClick={unfreezePicture}>
        {t('wall.unfreeze')}
      </button>
    </div>
  );
}
