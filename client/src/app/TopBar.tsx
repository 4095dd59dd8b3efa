import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/schemas/auth.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';
import { freezePicture, unfreezePicture } from '../realtime/realtime.js';

// The ops room's tools are chunks of their own, fetched only for the roles that show them: a shelter
// manager's phone never downloads the wall controls (and the wall's styles) or the replay clock.
const WallControls = lazy(() => import('./WallControls.js').then((m) => ({ default: m.WallControls })));
const ScenarioClock = lazy(() =>
  import('../features/demo/ScenarioClock.js').then((m) => ({ default: m.ScenarioClock })),
);

interface TopBarProps {
  me: Me;
  /** The wall display is on (for a role that has it). */
  wall: boolean;
  /** The role has the wall display controls. */
  wallRole: boolean;
  showMap: boolean;
  onToggleMap: () => void;
}

/** Who is signed in, the connection, and the app-wide tools (map, handover, coordination, language). */
export function TopBar({ me, wall, wallRole, showMap, onToggleMap }: TopBarProps) {
  const { t } = useTranslation();
  const logout = useAuthStore((s) => s.logout);
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <strong>{t('app.title')}</strong>
        <span className="topbar__user" data-testid="current-user">
          {t('app.signedInAs', { name: me.displayName, org: me.orgName })} · {t(`roles.${me.role}`)}
        </span>
      </div>
      <div className="topbar__tools">
        {me.role === 'ops_officer' && (
          <Suspense fallback={null}>
            <ScenarioClock />
          </Suspense>
        )}
        <ConnectionBadge />
        {wallRole && (
          <Suspense fallback={null}>
            <WallControls freeze={freezePicture} unfreeze={unfreezePicture} />
          </Suspense>
        )}
        {!wall && (
          <button
            type="button"
            className="btn"
            aria-pressed={showMap}
            data-testid="toggle-map"
            onClick={onToggleMap}
          >
            {showMap ? t('mapFrame.hide') : t('mapFrame.show')}
          </button>
        )}
        {me.role !== 'admin' && (
          <a className="btn" href="/handover" target="_blank" rel="noopener" data-testid="open-handover">
            {t('app.handover')}
          </a>
        )}
        <a
          className="btn"
          href="/coordination"
          target="_blank"
          rel="noopener"
          data-testid="open-coordination"
        >
          {t('app.coordination')}
        </a>
        <LanguageSwitcher />
        <button type="button" className="btn" data-testid="logout" onClick={() => void logout()}>
          {t('auth.signOut')}
        </button>
      </div>
    </header>
  );
}
