import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/schemas/auth.js';
import { useActivityStore } from '../features/activity/activityStore.js';
import { useAreaStore } from '../features/areas/areaStore.js';
import { OutboxBar } from '../features/outbox/OutboxBar.js';
import { useOutboxStore } from '../features/outbox/outboxStore.js';
import { Filters } from '../features/shelters/Filters.js';
import { KeyFigures } from '../features/shelters/KeyFigures.js';
import { ShelterList } from '../features/shelters/ShelterList.js';
import { useShelterStore } from '../features/shelters/shelterStore.js';
import { startRealtime, unfreezePicture } from '../realtime/realtime.js';
import { DOMAIN_STORES } from './domainStores.js';
import { useFilterStore } from './filterStore.js';
import { ReloadBanner } from './ReloadBanner.js';
import { OfflineBanner } from './OfflineBanner.js';
import { LoadingSkeleton } from './LoadingSkeleton.js';
import { useDeviceCopyStore } from '../realtime/deviceCopy.js';
import { firstScreenDomains, type SnapshotDomain } from '../../../shared/snapshotParts.js';
import { useDomainsLoaded } from './domainLoad.js';
import { PartBoundary } from './PartBoundary.js';
import { useBackCloses } from './useBackCloses.js';
import { useDisplayStore, WALL_ROLES } from './displayStore.js';
import { TabBar } from './TabBar.js';
import { TopBar } from './TopBar.js';
import {
  ActivityFeed,
  AdminScreen,
  AlertsTab,
  DetailPanel,
  GbvAlertBanner,
  CareAlertList,
  IncidentsTab,
  RequestsTab,
  ServicesTab,
} from './lazyScreens.js';
import { MAP_NAMESPACES, SCREEN_NAMESPACES, withNamespaces } from '../i18n/index.js';
import { openId, tabsFor, useNavStore, type Tab } from './navStore.js';
import { expectMap } from './readiness.js';

// The map (MapLibre, basemap data) is its own chunk: a shelter manager on a phone never loads it
// unless they ask for it.
// Its legend names the GBV layers, so their strings come with it, and its own.
const MapView = lazy(() =>
  withNamespaces(() => import('../map/MapView.js'), [...SCREEN_NAMESPACES, ...MAP_NAMESPACES]).then((m) => ({
    default: m.MapView,
  })),
);

// The panel (its update form, react-hook-form) comes when a shelter is first opened: the phone's
// first download is the list.
// Its history names each change with the feed's strings (`activity`).
const ShelterPanel = lazy(() =>
  withNamespaces(() => import('../features/shelters/ShelterPanel.js'), ['activity']).then((m) => ({
    default: m.ShelterPanel,
  })),
);

// Only on the wall (its chunk, styles included, comes with the top bar's wall controls).
const FreezeBanner = lazy(() => import('./WallControls.js').then((m) => ({ default: m.FreezeBanner })));

const MAP_PREF = 'shr.map';

/** What each tab's list needs before it can say anything (a count, "no results"). */
const TAB_DOMAINS: Record<Exclude<Tab, 'admin'>, readonly SnapshotDomain[]> = {
  shelters: ['shelters', 'alerts'],
  services: ['services', 'alerts', 'requests'],
  alerts: ['alerts'],
  requests: ['requests', 'services', 'shelters'],
  incidents: ['incidents'],
};

function initialShowMap(me: Me): boolean {
  try {
    const v = localStorage.getItem(MAP_PREF);
    if (v === '1' || v === '0') return v === '1';
  } catch {
    // no storage: fall through to the role default
  }
  return me.role !== 'shelter_manager';
}

export function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [showMap, setShowMap] = useState(() => initialShowMap(me));
  const anySimulated = useShelterStore((s) => Object.values(s.byId).some((x) => x.simulated));
  const tab = useNavStore((s) => s.tab);
  const detail = useNavStore((s) => s.detail);
  const shelterId = openId(detail, 'shelter');
  const creating = detail?.kind === 'new-shelter';
  // Shelters and the new-shelter form have their own panel; every other record or form opens in DetailPanel.
  const otherDetail = detail && !shelterId && !creating ? detail : null;
  const tabs = tabsFor(me.role);
  const anyLoaded = useDeviceCopyStore((s) => s.loaded);
  const tabLoaded = useDomainsLoaded(...(tab === 'admin' ? [] : TAB_DOMAINS[tab]));
  // The feed's chunk and strings are fetched once the list has its records, not while a slow link
  // still brings them (the first load's 150 KB is what comes before the list).
  const listLoaded = useDomainsLoaded('shelters');
  const loaded = anyLoaded && tabLoaded;
  // The wall is for the operations room; other roles keep the desk layout even with ?display=wall.
  const wallRole = WALL_ROLES.includes(me.role);
  const wall = useDisplayStore((s) => s.wall) && wallRole;
  const mapOn = showMap || wall;

  useEffect(() => {
    void useOutboxStore.getState().open(me.id);
    if (me.role === 'shelter_manager')
      useFilterStore.getState().setShelterFilter({ managingOrgId: me.orgId });
    void useAreaStore.getState().load();
    // The first part of the snapshot is what this first screen shows; the rest comes right after.
    const map = initialShowMap(me) || (useDisplayStore.getState().wall && WALL_ROLES.includes(me.role));
    const stop = startRealtime(firstScreenDomains(me.role, { map }));
    return () => {
      stop();
      useOutboxStore.getState().close();
      for (const d of DOMAIN_STORES) d.reset();
      useActivityStore.getState().reset();
      useFilterStore.getState().reset();
      useNavStore.getState().reset();
    };
  }, [me]);

  // Back (button or gesture) closes the open record or form rather than leaving the app.
  const closeDetail = useCallback(() => useNavStore.getState().close(), []);
  useBackCloses(Boolean(detail), closeDetail);

  // A shelter manager with one shelter lands on its update form.
  const autoSelected = useRef(false);
  const byId = useShelterStore((s) => s.byId);
  useEffect(() => {
    if (autoSelected.current || me.role !== 'shelter_manager') return;
    const own = Object.values(byId).filter((s) => s.managingOrgId === me.orgId);
    if (own.length === 0) return;
    autoSelected.current = true;
    if (own.length === 1 && own[0]) useNavStore.getState().open({ kind: 'shelter', id: own[0].id });
  }, [byId, me]);

  useEffect(() => {
    expectMap(mapOn);
    try {
      localStorage.setItem(MAP_PREF, showMap ? '1' : '0');
    } catch {
      // preference not kept
    }
  }, [showMap, mapOn]);

  return (
    <div
      className={`shell${mapOn ? ' shell--map' : ''}${detail ? ' shell--selected' : ''}${wall ? ' shell--wall' : ''}`}
      data-testid="app-shell"
      data-role={me.role}
    >
      <a href="#shelter-list" className="skip">
        {t('app.skipToList')}
      </a>
      <TopBar
        me={me}
        wall={wall}
        wallRole={wallRole}
        showMap={showMap}
        onToggleMap={() => setShowMap((v) => !v)}
      />
      <ReloadBanner />
      <OfflineBanner />
      {wall && (
        <Suspense fallback={null}>
          <FreezeBanner unfreeze={unfreezePicture} />
        </Suspense>
      )}
      {anySimulated && (
        <p className="banner-sim" data-testid="simulated-banner">
          {t('app.simulatedBanner')}
        </p>
      )}
      {me.role === 'gbv_coordinator' && (
        <PartBoundary name="gbv-alert-banner">
          <Suspense fallback={null}>
            <GbvAlertBanner />
          </Suspense>
        </PartBoundary>
      )}
      {(me.role === 'ops_officer' || me.role === 'gbv_coordinator') && (
        <PartBoundary name="care-alert-list">
          <Suspense fallback={null}>
            <CareAlertList />
          </Suspense>
        </PartBoundary>
      )}
      {anyLoaded && (
        <PartBoundary name="key-figures">
          <KeyFigures />
        </PartBoundary>
      )}
      <PartBoundary name="outbox">
        <OutboxBar />
      </PartBoundary>
      {tabs.length > 1 && <TabBar tabs={tabs} current={tab} />}
      {tab === 'admin' ? (
        <main className="layout layout--wide">
          <PartBoundary name="tab-admin">
            <Suspense fallback={<p className="map-msg">{t('app.loading')}</p>}>
              <AdminScreen />
            </Suspense>
          </PartBoundary>
        </main>
      ) : (
        <main className="layout">
          <aside className="layout__side">
            {/* One boundary per tab (keyed), so a failed tab is retried on coming back to it. */}
            <PartBoundary key={tab} name={`tab-${tab}`}>
              {!loaded ? (
                <LoadingSkeleton />
              ) : tab === 'shelters' ? (
                <>
                  <Filters />
                  <ShelterList />
                </>
              ) : (
                <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
                  {tab === 'services' && <ServicesTab />}
                  {tab === 'alerts' && <AlertsTab />}
                  {tab === 'requests' && <RequestsTab />}
                  {tab === 'incidents' && <IncidentsTab />}
                </Suspense>
              )}
            </PartBoundary>
          </aside>
          {mapOn && (
            <section className="layout__map" aria-label={t('mapFrame.title')}>
              {/* Keeps the list and panels working when the map cannot start (no WebGL, chunk failed). */}
              <PartBoundary
                name="map"
                message={t('mapFrame.failed')}
                // Readiness no longer waits for a map that will not come.
                onError={() => expectMap(false)}
              >
                <Suspense fallback={<p className="map-msg">{t('mapFrame.loading')}</p>}>
                  <MapView />
                </Suspense>
              </PartBoundary>
            </section>
          )}
          {/* Focusable: it scrolls (a long feed on the wall) and a keyboard must be able to scroll it. */}
          <aside className="layout__detail" tabIndex={0} aria-label={t('app.detailColumn')}>
            {(shelterId || creating) && (
              <PartBoundary name="shelter-panel" resetKeys={[shelterId, creating]}>
                <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
                  <ShelterPanel />
                </Suspense>
              </PartBoundary>
            )}
            {otherDetail && (
              <PartBoundary name="detail-panel" resetKeys={[otherDetail]}>
                <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
                  <DetailPanel detail={otherDetail} />
                </Suspense>
              </PartBoundary>
            )}
            {listLoaded && (
              <PartBoundary name="activity">
                <Suspense fallback={null}>
                  <ActivityFeed />
                </Suspense>
              </PartBoundary>
            )}
          </aside>
        </main>
      )}
    </div>
  );
}
