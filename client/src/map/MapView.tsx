import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_LEVEL_COLOURS, SERVICE_STATUSES, SHELTER_STATUSES } from '../../../shared/enums.js';
import { readsRequests } from '../../../shared/domain/permissions.js';
import { useNavStore } from '../app/navStore.js';
import { markMapReady } from '../app/readiness.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { IncidentNote } from '../features/incidents/IncidentNote.js';
import { shownMonth, useIncidentStore } from '../features/incidents/incidentStore.js';
import { SERVICE_STATUS_COLORS } from '../features/services/serviceStyle.js';
import { SCORE_COLORS, STATUS_COLORS } from '../features/shelters/statusStyle.js';
import {
  BOUNDARY_ATTRIBUTION,
  CUSTOM_STYLE_URL,
  MAP_FONT,
  VN_VIEW,
  labelField,
  loadNeighbours,
  offlineStyle,
} from './basemap.js';
import { ALERT_LAYERS, mountAlertLayer } from './layers/alertLayer.js';
import {
  INCIDENT_CLASSES,
  INCIDENT_LAYERS,
  mountIncidentLayer,
  SMALL_COLOUR,
} from './layers/incidentLayer.js';
import { mountRequestLayer, REQUEST_LAYERS } from './layers/requestLayer.js';
import { mountServiceLayer, SERVICE_LAYERS } from './layers/serviceLayer.js';
import { mountShelterLayer, setShelterLayerVisible } from './layers/shelterLayer.js';
import { setLayersVisible } from './layers/visibility.js';
import { mapLocale } from './locale.js';

declare global {
  interface Window {
    /** The map, for browser tests and debugging from the console. */
    __map?: maplibregl.Map;
  }
}

maplibregl.setWorkerUrl(workerUrl);

// A deployer's style names its own fonts; the cluster counts then use the usual glyph-server name.
const FONT = CUSTOM_STYLE_URL ? [import.meta.env.VITE_BASEMAP_FONT || 'Noto Sans Regular'] : MAP_FONT;

/** The legend starts open only on wall displays; elsewhere it would cover much of the map. */
function wideScreen(): boolean {
  return typeof window === 'undefined' || window.matchMedia('(min-width: 1800px)').matches;
}

/** One layer's checkbox in the legend. */
function LayerToggle(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  label: string;
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        data-testid={props.testId}
      />
      {props.label}
    </label>
  );
}

/** The operations map. Loaded lazily: the list and panels never wait for it. */
export function MapView() {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [showShelters, setShowShelters] = useState(true);
  const [showLabels, setShowLabels] = useState(true);
  const [showServices, setShowServices] = useState(true);
  const [showAlerts, setShowAlerts] = useState(true);
  // The choropleth comes on with the incidents list and can be toggled; over the alert fills it
  // would muddle both colour scales.
  const tab = useNavStore((s) => s.tab);
  const [showIncidents, setShowIncidents] = useState(tab === 'incidents');
  const [seenTab, setSeenTab] = useState(tab);
  if (tab !== seenTab) {
    setSeenTab(tab);
    if (tab === 'incidents') setShowIncidents(true);
    else if (seenTab === 'incidents') setShowIncidents(false);
  }
  const [showRequests, setShowRequests] = useState(true);
  const role = useAuthStore((s) => s.me?.role);
  const incidents = useIncidentStore((s) => s.data);
  const incidentMonth = useIncidentStore((s) => shownMonth(s.data, s.month));
  const hasIncidents = incidents !== null;
  const showsRequests = role !== undefined && readsRequests({ role });

  useEffect(() => {
    let cancelled = false;
    let teardown: (() => void) | undefined;
    void (async () => {
      // Labels need the web font before MapLibre rasterises them, or they come out in a fallback face.
      await Promise.all([
        document.fonts.load('16px "Noto Sans"'),
        document.fonts.load('16px "Noto Sans"', 'ếộữ'),
      ]).catch(() => undefined);
      const style =
        CUSTOM_STYLE_URL ??
        offlineStyle(
          await loadNeighbours().catch(() => ({ type: 'FeatureCollection' as const, features: [] })),
          i18n.language,
        );
      if (cancelled || !container.current) return;
      let map: maplibregl.Map;
      try {
        map = new maplibregl.Map({
          container: container.current,
          style,
          bounds: VN_VIEW,
          fitBoundsOptions: { padding: 16 },
          attributionControl: false,
          dragRotate: false,
          pitchWithRotate: false,
          maxZoom: 16,
          locale: mapLocale(i18n.language),
        });
      } catch (err) {
        console.error('map: cannot start', err);
        setFailed(true);
        return;
      }
      mapRef.current = map;
      map.touchZoomRotate.disableRotation();
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new maplibregl.ScaleControl({}), 'bottom-left');
      // The offline basemap's attribution is drawn below as plain text; a deployer's style brings its own.
      if (CUSTOM_STYLE_URL)
        map.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');
      map.setMissingStyleImageResolver((id) => {
        // Styles from a deployer may name sprites we do not ship: draw nothing rather than warn per tile.
        if (!map.hasImage(id)) map.addImage(id, { width: 1, height: 1, data: new Uint8Array(4) });
      });
      map.once('idle', () => markMapReady());
      window.__map = map;
      map.on('load', () => {
        if (cancelled) return;
        // Bottom to top: alert fills, shelters, services, request badges.
        const downs = [
          mountAlertLayer(map, FONT),
          mountShelterLayer(map, FONT),
          mountServiceLayer(map, FONT),
        ];
        if (readsRequests(useAuthStore.getState().me ?? { role: 'viewer' }))
          downs.push(mountRequestLayer(map, FONT));
        teardown = () => downs.forEach((d) => d());
        setLoaded(true);
      });
    })();
    return () => {
      cancelled = true;
      teardown?.();
      mapRef.current?.remove();
      mapRef.current = null;
      window.__map = undefined;
    };
    // The map is made once; language and toggles are applied in place below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map || !map.getLayer('province-labels')) return;
    map.setLayoutProperty('province-labels', 'text-field', labelField(i18n.language));
    map.setLayoutProperty('province-labels', 'visibility', showLabels ? 'visible' : 'none');
  }, [loaded, i18n.language, showLabels]);

  useEffect(() => {
    if (loaded && mapRef.current) setShelterLayerVisible(mapRef.current, showShelters);
  }, [loaded, showShelters]);
  useEffect(() => {
    if (loaded && mapRef.current) setLayersVisible(mapRef.current, SERVICE_LAYERS, showServices);
  }, [loaded, showServices]);
  useEffect(() => {
    if (loaded && mapRef.current) setLayersVisible(mapRef.current, ALERT_LAYERS, showAlerts);
  }, [loaded, showAlerts]);
  useEffect(() => {
    if (loaded && mapRef.current) setLayersVisible(mapRef.current, REQUEST_LAYERS, showRequests);
  }, [loaded, showRequests]);
  // The choropleth exists only for roles whose snapshot carries incident aggregates.
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map || !hasIncidents) return;
    const down = mountIncidentLayer(map);
    return () => {
      down();
      if (map.getLayer('incidents-fill')) map.removeLayer('incidents-fill');
    };
  }, [loaded, hasIncidents]);
  useEffect(() => {
    if (loaded && mapRef.current && hasIncidents)
      setLayersVisible(mapRef.current, INCIDENT_LAYERS, showIncidents);
  }, [loaded, hasIncidents, showIncidents]);

  if (failed) return <p className="map-msg">{t('map.failed')}</p>;

  return (
    <div className="map">
      <div ref={container} className="map__canvas" data-testid="map" data-loaded={loaded} />
      <details
        className="map__legend card"
        open={wideScreen()}
        aria-label={t('map.legend')}
        data-testid="map-legend"
      >
        <summary>{t('map.legend')}</summary>
        <fieldset>
          <legend>{t('map.layers')}</legend>
          <LayerToggle
            checked={showShelters}
            onChange={setShowShelters}
            testId="layer-shelters"
            label={t('map.shelters')}
          />
          <LayerToggle
            checked={showServices}
            onChange={setShowServices}
            testId="layer-services"
            label={t('layers.services')}
          />
          <LayerToggle
            checked={showAlerts}
            onChange={setShowAlerts}
            testId="layer-alerts"
            label={t('layers.alerts')}
          />
          {hasIncidents && (
            <LayerToggle
              checked={showIncidents}
              onChange={setShowIncidents}
              testId="layer-incidents"
              label={t('layers.incidents')}
            />
          )}
          {showsRequests && (
            <LayerToggle
              checked={showRequests}
              onChange={setShowRequests}
              testId="layer-requests"
              label={t('layers.requests')}
            />
          )}
          {!CUSTOM_STYLE_URL && (
            <LayerToggle
              checked={showLabels}
              onChange={setShowLabels}
              testId="layer-labels"
              label={t('map.provinceLabels')}
            />
          )}
        </fieldset>
        <ul className="legend">
          {SHELTER_STATUSES.map((s) => (
            <li key={s}>
              <span
                className="swatch swatch--dot"
                style={{ background: STATUS_COLORS[s] }}
                aria-hidden="true"
              />{' '}
              {t(`status.${s}`)}
            </li>
          ))}
          <li>
            <span className="swatch swatch--dot swatch--cluster" aria-hidden="true" /> {t('map.cluster')}
          </li>
          <li className="legend__wide">
            <span
              className="swatch swatch--ring"
              style={{ borderColor: SCORE_COLORS.poor }}
              aria-hidden="true"
            />
            <span
              className="swatch swatch--ring"
              style={{ borderColor: SCORE_COLORS.partial }}
              aria-hidden="true"
            />
            <span
              className="swatch swatch--ring"
              style={{ borderColor: SCORE_COLORS.good }}
              aria-hidden="true"
            />{' '}
            {t('map.ringScore')}
          </li>
          <li className="legend__wide">{t('map.sizeOccupancy')}</li>
          <li className="legend__wide">
            <span className="swatch swatch--dot swatch--faded" aria-hidden="true" /> {t('map.fadedStale')}
          </li>
        </ul>
        {showServices && (
          <ul className="legend" data-testid="legend-services">
            <li className="legend__wide legend__head">{t('layers.services')}</li>
            {SERVICE_STATUSES.map((s) => (
              <li key={s}>
                <span
                  className="swatch swatch--dot"
                  style={{ background: SERVICE_STATUS_COLORS[s] }}
                  aria-hidden="true"
                />{' '}
                {t(`serviceStatus.${s}`)}
              </li>
            ))}
            <li className="legend__wide">
              {t('layers.serviceTypeMark')}: + {t('serviceType.health_cmr')}, P{' '}
              {t('serviceType.psychosocial')}, H {t('serviceType.safe_house')}…
            </li>
            <li className="legend__wide">
              <span className="swatch swatch--dot swatch--hollow" aria-hidden="true" />{' '}
              {t('layers.communeRing')}
            </li>
            <li className="legend__wide muted">{t('layers.hiddenNote')}</li>
          </ul>
        )}
        {showAlerts && (
          <ul className="legend" data-testid="legend-alerts">
            <li className="legend__wide legend__head">{t('layers.levels')}</li>
            {([1, 2, 3, 4, 5] as const).map((l) => (
              <li key={l} data-testid={`legend-level-${l}`}>
                <span className="swatch" style={{ background: ALERT_LEVEL_COLOURS[l] }} aria-hidden="true" />{' '}
                {t('alerts.level', { level: l })}
              </li>
            ))}
            <li className="legend__wide">
              <span className="swatch swatch--line" aria-hidden="true" /> {t('layers.stormTrack')}
            </li>
            <li className="legend__wide">
              <span className="swatch swatch--dot swatch--storm" aria-hidden="true" /> {t('layers.stormNow')}
            </li>
          </ul>
        )}
        {hasIncidents && showIncidents && incidents && (
          <div className="legend-block" data-testid="legend-incidents" data-month={incidentMonth ?? ''}>
            <ul className="legend">
              <li className="legend__wide legend__head">
                {t('layers.incidentScale', { month: incidentMonth ?? '' })}
              </li>
              {INCIDENT_CLASSES.map((c) => (
                <li key={c.min}>
                  <span className="swatch" style={{ background: c.colour }} aria-hidden="true" /> ≥ {c.min}
                </li>
              ))}
              <li>
                <span className="swatch" style={{ background: SMALL_COLOUR }} aria-hidden="true" />{' '}
                {t('layers.incidentSmall')}
              </li>
              <li className="legend__wide">
                <span className="swatch swatch--empty" aria-hidden="true" /> {t('layers.incidentHidden')}
              </li>
            </ul>
            <IncidentNote note={incidents.note} />
          </div>
        )}
        {showsRequests && showRequests && (
          <ul className="legend" data-testid="legend-requests">
            <li className="legend__wide">
              <span className="swatch swatch--dot swatch--badge" aria-hidden="true">
                2
              </span>{' '}
              {t('layers.requestBadge')}
            </li>
          </ul>
        )}
      </details>
      {!CUSTOM_STYLE_URL && (
        <p className="map__attribution" data-testid="map-attribution">
          {BOUNDARY_ATTRIBUTION} · {t('map.attribution')}
        </p>
      )}
    </div>
  );
}
