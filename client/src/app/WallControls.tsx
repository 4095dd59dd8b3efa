import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format.js';
import { useDisplayStore } from './displayStore.js';
// The wall's styles apply only under `.shell--wall`, which only the roles that have these controls get.
import './wall.css';

/** The clock the freeze button names, to the minute. */
function useNow(): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date().toISOString()), 15_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * What freezes and unfreezes the picture (realtime/), handed in by the shell: imported here, it would
 * pull the shell's stores out of the shell's chunk into small chunks of their own.
 */
export interface FreezeActions {
  freeze: () => void;
  unfreeze: () => void;
}

/** The top bar's wall toggle, and on the wall the briefing freeze button. */
export function WallControls({ freeze, unfreeze }: FreezeActions) {
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
          if (wall) unfreeze();
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
          onClick={() => (frozenAt === null ? freeze() : unfreeze())}
        >
          {frozenAt === null ? t('wall.freeze', { time: f.time(now) }) : t('wall.unfreeze')}
        </button>
      )}
    </>
  );
}

/** While frozen: when, and how many changes wait; unfreezing from here applies them. */
export function FreezeBanner({ unfreeze }: Pick<FreezeActions, 'unfreeze'>) {
  const { t } = useTranslation();
  const f = useFormat();
  const frozenAt = useDisplayStore((s) => s.frozenAt);
  const waiting = useDisplayStore((s) => s.waiting);
  if (frozenAt === null) return null;
  return (
    <div className="banner-frozen" role="status" data-testid="freeze-banner" data-waiting={waiting}>
      <span>{t('wall.frozen', { time: f.time(new Date(frozenAt).toISOString()), count: waiting })}</span>
      <button type="button" className="btn" data-testid="unfreeze" onClick={unfreeze}>
        {t('wall.unfreeze')}
      </button>
    </div>
  );
}
