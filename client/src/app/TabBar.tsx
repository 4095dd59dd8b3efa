import { useTranslation } from 'react-i18next';
import { useNavStore, type Tab } from './navStore.js';

/** The one-column layout of styles.css, where an open record hides the list. */
const PHONE_LAYOUT = '(max-width: 900px)';

/** The lists beside the map, one per domain the role may read; large targets, no hover needed. */
export function TabBar({ tabs, current }: { tabs: readonly Tab[]; current: Tab }) {
  const { t } = useTranslation();
  const setTab = useNavStore((s) => s.setTab);
  return (
    <nav className="tabs" aria-label={t('tabs.label')} data-testid="tabs">
      {tabs.map((x) => (
        <button
          key={x}
          type="button"
          className="tabs__tab"
          aria-current={x === current ? 'page' : undefined}
          data-testid={`tab-${x}`}
          onClick={() => {
            // On a phone an open record covers the list: a tab tapped there would change nothing in sight.
            if (window.matchMedia(PHONE_LAYOUT).matches) useNavStore.getState().close();
            setTab(x);
          }}
        >
          {t(`tabs.${x}`)}
        </button>
      ))}
    </nav>
  );
}
