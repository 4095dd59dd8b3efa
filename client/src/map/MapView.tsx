import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayStore } from '../app/displayStore.js';
import { useNavStore } from '../app/navStore.js';
import { useAlertsInForce } from '../features/alerts/inAlert.js';
import { useAreaStore } from '../features/areas/areaStore.js';
import { markMapReady } from '../app/readiness.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { useIncidentStore } from '../features/incidents/incidentStore.js';
import {
  BOUNDARY_ATTRIBUTION,
  CUSTOM_STYLE_URL,
  MAP_FONT,
  VN_VIEW,
  labelField,
  loadNeighbours,
  offlineStyle,
  pointsStyle,
} from './basemap.js';
import { MAP_LAYERS, mountLayers } from './layers/registry.js';
import { createUpdateScheduler } from './layers/scheduler.js';
import { setLayersVisible } from './layers/visibility.js';
import { mapLocale } from './locale.js';
import { alertBounds } from './alertBounds.js';
import { MapLegend, type Shown } from './MapLegend.js';
import { createStackedMap, stackedIdle, stackedLoad, type StackedMap } from './stackedMap.js';
declare global {
  interface Window {
    /** The upper map (point layers), for browser tests and debugging from the console. */
    __map?: maplibregl.Map;
    /** The lower map (basemap and area layers), likewise. */
    __baseMap?: maplibregl.Map;
  }
}

maplibregl.setWorkerUrl(workerUrl);

/** The reader asked for less motion (WCAG 2.3.3): the map then neither animates nor fades. */
const prefersReducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

// The lower map's labels (storm names) in a deployer's style use its glyph server's font name; the
// upper map has no glyphs and draws its counts from the bundled web font.
const BASE_FONT = CUSTOM_STYLE_URL ? [import.meta.env.VITE_BASEMAP_FONT || 'Noto Sans Regular'] : MAP_FONT;

/** The operations map. Loaded lazily: the list and panels never wait for it. */
export function MapView() {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const stackRef = useRef<StackedMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  // The choropleth comes on with the incidents list and can be toggled; over the alert fills it
  // would muddle both colour scales.
  const tab = useNavStore((s) => s.tab);
  const [shown, setShown] = useState<Shown>({
    shelters: true,
    services: true,
    alerts: true,
    incidents: tab === 'incidents',
    requests: true,
    labels: true,
  });
  const [seenTab, setSeenTab] = useState(tab);
  if (tab !== seenTab) {
    setSeenTab(tab);
    if (tab === 'incidents') setShown({ ...shown, incidents: true });
    else if (seenTab === 'incidents') setShown({ ...shown, incidents: false });
  }
  const wall = useDisplayStore((s) => s.wall);
  const inForce = useAlertsInForce();
  const byCode = useAreaStore((s) => s.byCode);
  const fit = wall ? alertBounds(inForce, byCode) : null;
  const fitKey = fit?.map((x) => x.toFixed(3)).join(',') ?? '';
  const role = useAuthStore((s) => s.me?.role);
  const caller = role === undefined ? null : { role };
  const hasIncidents = useIncidentStore((s) => s.data !== null);
  const has = {
    incidents: hasIncidents && MAP_LAYERS.some((l) => l.key === 'incidents' && l.visibleFor(caller)),
    requests: role !== undefined && MAP_LAYERS.some((l) => l.key === 'requests' && l.visibleFor(caller)),
  };

  useEffect(() => {
    let cancelled = false;
    let teardown: (() => void) | undefined;
    void (async () => {
      // Labels need the web font before MapLibre rasterises them, or they come out in a fallback face.
      await Promise.all([
        document.fonts.load('16px "Noto Sans"'),
        document.fonts.load('16px "Noto Sans"', 'ếộữ'),
      ]).catch(() => undefined);
      const base =
        CUSTOM_STYLE_URL ??
        offlineStyle(
          await loadNeighbours().catch(() => ({ type: 'FeatureCollection' as const, features: [] })),
          i18n.language,
        );
      if (cancelled || !container.current) return;
      let stack: StackedMap;
      try {
        stack = createStackedMap(
          container.current,
          { base, points: pointsStyle() },
          {
            bounds: VN_VIEW,
            fitBoundsOptions: { padding: 16 },
            attributionControl: false,
            dragRotate: false,
            pitchWithRotate: false,
            maxZoom: 16,
            locale: mapLocale(i18n.language),
            // Reduced motion: labels appear without their 300 ms fade (MapLibre already skips camera
            // animations then). Each fade is a run of frames a laptop without a GPU draws in software.
            fadeDuration: prefersReducedMotion() ? 0 : 300,
          },
        );
      } catch (err) {
        console.error('map: cannot start', err);
        setFailed(true);
        return;
      }
      const map = stack.map;
      stackRef.current = stack;
      map.touchZoomRotate.disableRotation();
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new maplibregl.ScaleControl({}), 'bottom-left');
      // The offline basemap's attribution is drawn below as plain text; a deployer's style brings its
      // own, on the basemap that holds its sources (its corner stays above the upper canvas).
      if (CUSTOM_STYLE_URL)
        stack.base.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');
      stack.base.setMissingStyleImageResolver((id) => {
        // Styles from a deployer may name sprites we do not ship: draw nothing rather than warn per tile.
        if (!stack.base.hasImage(id))
          stack.base.addImage(id, { width: 1, height: 1, data: new Uint8Array(4) });
      });
      window.__map = map;
      window.__baseMap = stack.base;
      void stackedLoad(stack).then(() => {
        if (cancelled) return;
        // One scheduler for every layer: redraws are batched into frames, never one timer per layer.
        const scheduler = createUpdateScheduler();
        const me = useAuthStore.getState().me;
        const down = mountLayers(
          { areas: { map: stack.base, font: BASE_FONT }, points: { map, font: MAP_FONT } },
          me ? { role: me.role } : null,
          scheduler,
        );
        teardown = () => {
          down();
          scheduler.dispose();
        };
        setLoaded(true);
        // Ready once both maps have drawn the layers just added.
        void stackedIdle(stack).then(() => {
          if (!cancelled) markMapReady();
        });
      });
    })();
    return () => {
      cancelled = true;
      teardown?.();
      stackRef.current?.remove();
      stackRef.current = null;
      window.__map = undefined;
      window.__baseMap = undefined;
    };
    // The map is made once; language and toggles are applied in place below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const map = stackRef.current?.base;
    if (!loaded || !map || !map.getLayer('province-labels')) return;
    map.setLayoutProperty('province-labels', 'text-field', labelField(i18n.language));
    map.setLayoutProperty('province-labels', 'visibility', shown.labels ? 'visible' : 'none');
  }, [loaded, i18n.language, shown.labels]);

  useEffect(() => {
    const stack = stackRef.current;
    if (!loaded || !stack) return;
    for (const layer of MAP_LAYERS)
      setLayersVisible(layer.plane === 'areas' ? stack.base : stack.map, layer.layerIds, shown[layer.key]);
  }, [loaded, shown]);

  // On the wall the view follows the alerts in force: it fits them when they change, not on every tick.
  useEffect(() => {
    const map = stackRef.current?.map;
    if (!loaded || !map || !fit) return;
    map.fitBounds(fit, { padding: 48, maxZoom: 9, duration: 0 });
    // fitKey stands for fit's value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, fitKey]);

  if (failed) return <p className="map-msg">{t('mapFrame.failed')}</p>;

  return (
    <div className="map">
      <div ref={container} className="map__canvas" data-testid="map" data-loaded={loaded} />
      <MapLegend
        wall={wall}
        shown={shown}
        onToggle={(key, on) => setShown({ ...shown, [key]: on })}
        has={has}
      />
      {!CUSTOM_STYLE_URL && (
        <p className="map__attribution" data-testid="map-attribution">
          {BOUNDARY_ATTRIBUTION} · {t('map.attribution')}
        </p>
      )}
    </div>
  );
}
