import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/schemas/auth.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { ScenarioClock } from '../features/demo/ScenarioClock.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';
import { WallControls } from './WallControls.js';

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
        {me.role === 'ops_officer' && <ScenarioClock />}
        <ConnectionBadge />
        {wallRole && <WallControls />}
        {!wall && (
          <button
            type="button"
            className="btn"
            aria-pressed={showMap}
            data-testid="toggle-map"
            onClick={onToggleMap}
          >
            {showMap ? t('map.hide') : t('map.show')}
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
