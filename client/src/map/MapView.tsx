import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELTER_STATUSES } from '../../../shared/enums.js';
import { markMapReady } from '../app/readiness.js';
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
import { mountShelterLayer, setShelterLayerVisible } from './layers/shelterLayer.js';

maplibregl.setWorkerUrl(workerUrl);

// A deployer's style names its own fonts; the cluster counts then use the usual glyph-server name.
const FONT = CUSTOM_STYLE_URL ? [import.meta.env.VITE_BASEMAP_FONT || 'Noto Sans Regular'] : MAP_FONT;

/** The operations map. Loaded lazily: the list and panels never wait for it. */
export function MapView() {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [showShelters, setShowShelters] = useState(true);
  const [showLabels, setShowLabels] = useState(true);

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
      map.on('load', () => {
        if (cancelled) return;
        teardown = mountShelterLayer(map, FONT);
        setLoaded(true);
      });
    })();
    return () => {
      cancelled = true;
      teardown?.();
      mapRef.current?.remove();
      mapRef.current = null;
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

  if (failed) return <p className="map-msg">{t('map.failed')}</p>;

  return (
    <div className="map">
      <div ref={container} className="map__canvas" data-testid="map" data-loaded={loaded} />
      <details className="map__legend card" open aria-label={t('map.legend')}>
        <summary>{t('map.legend')}</summary>
        <fieldset>
          <legend>{t('map.layers')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={showShelters}
              onChange={(e) => setShowShelters(e.target.checked)}
              data-testid="layer-shelters"
            />
            {t('map.shelters')}
          </label>
          {!CUSTOM_STYLE_URL && (
            <label className="check">
              <input
                type="checkbox"
                checked={showLabels}
                onChange={(e) => setShowLabels(e.target.checked)}
                data-testid="layer-labels"
              />
              {t('map.provinceLabels')}
            </label>
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
      </details>
      {!CUSTOM_STYLE_URL && (
        <p className="map__attribution" data-testid="map-attribution">
          {BOUNDARY_ATTRIBUTION} · {t('map.attribution')}
        </p>
      )}
    </div>
  );
}
