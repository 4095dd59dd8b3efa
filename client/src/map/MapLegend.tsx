import { useTranslation } from 'react-i18next';
import { ALERT_LEVEL_COLOURS, SERVICE_STATUSES, SHELTER_STATUSES } from '../../../shared/enums.js';
import { IncidentNote } from '../features/incidents/IncidentNote.js';
import { shownMonth, useIncidentStore } from '../features/incidents/incidentStore.js';
import { SERVICE_STATUS_COLORS } from '../features/services/serviceStyle.js';
import { SCORE_COLORS, STATUS_COLORS } from '../features/shelters/statusStyle.js';
import { CUSTOM_STYLE_URL } from './basemap.js';
import { INCIDENT_CLASSES, SMALL_COLOUR } from './layers/incidentLayer.js';
import type { MapLayer } from './layers/registry.js';

/** What the legend can switch: each layer group, and the province labels of the offline basemap. */
export type Toggle = MapLayer['key'] | 'labels';
/** Which toggles are on. */
export type Shown = Record<Toggle, boolean>;

/** The legend starts open only on wide desk screens; on narrower ones it would cover much of the map. */
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

/**
 * A legend key mark: `mods` are the swatch modifiers (dot, ring, hollow...), `fill` paints it and
 * `ring` colours its border.
 */
function Swatch(props: { mods?: string; fill?: string; ring?: string }) {
  const mods = props.mods ? props.mods.split(' ').map((m) => ` swatch--${m}`) : [];
  const style = props.fill
    ? { background: props.fill }
    : props.ring
      ? { borderColor: props.ring }
      : undefined;
  return <span className={`swatch${mods.join('')}`} style={style} aria-hidden="true" />;
}

/**
 * The map's legend: the layer toggles the reader has, and the key to each layer that is on.
 * `has` says which layer groups this reader gets (the incident one once its aggregates arrived).
 */
export function MapLegend(props: {
  /** On the wall the legend sits folded below the map, opened only by hand. */
  wall?: boolean;
  shown: Shown;
  onToggle: (toggle: Toggle, on: boolean) => void;
  has: { incidents: boolean; requests: boolean };
}) {
  const { t } = useTranslation();
  const incidents = useIncidentStore((s) => s.data);
  const incidentMonth = useIncidentStore((s) => shownMonth(s.data, s.month));
  const { shown } = props;
  const hasIncidents = props.has.incidents;
  const showsRequests = props.has.requests;
  const toggle = (key: Toggle, testId: string, label: string) => (
    <LayerToggle
      checked={shown[key]}
      onChange={(on) => props.onToggle(key, on)}
      testId={testId}
      label={label}
    />
  );
  return (
    <details
      className="map__legend card"
      open={!props.wall && wideScreen()}
      aria-label={t('map.legend')}
      data-testid="map-legend"
    >
      <summary>{t('map.legend')}</summary>
      <fieldset>
        <legend>{t('map.layers')}</legend>
        {toggle('shelters', 'layer-shelters', t('map.shelters'))}
        {toggle('services', 'layer-services', t('layers.services'))}
        {toggle('alerts', 'layer-alerts', t('layers.alerts'))}
        {hasIncidents && toggle('incidents', 'layer-incidents', t('layers.incidents'))}
        {showsRequests && toggle('requests', 'layer-requests', t('layers.requests'))}
        {!CUSTOM_STYLE_URL && toggle('labels', 'layer-labels', t('map.provinceLabels'))}
      </fieldset>
      <ul className="legend">
        {SHELTER_STATUSES.map((s) => (
          <li key={s}>
            <Swatch mods="dot" fill={STATUS_COLORS[s]} /> {t(`status.${s}`)}
          </li>
        ))}
        <li>
          <Swatch mods="dot cluster" /> {t('map.cluster')}
        </li>
        <li className="legend__wide">
          <Swatch mods="ring" ring={SCORE_COLORS.poor} />
          <Swatch mods="ring" ring={SCORE_COLORS.partial} />
          <Swatch mods="ring" ring={SCORE_COLORS.good} /> {t('map.ringScore')}
        </li>
        <li className="legend__wide">{t('map.sizeOccupancy')}</li>
        <li className="legend__wide">
          <Swatch mods="dot faded" /> {t('map.fadedStale')}
        </li>
      </ul>
      {shown.services && (
        <ul className="legend" data-testid="legend-services">
          <li className="legend__wide legend__head">{t('layers.services')}</li>
          {SERVICE_STATUSES.map((s) => (
            <li key={s}>
              <Swatch mods="dot" fill={SERVICE_STATUS_COLORS[s]} /> {t(`serviceStatus.${s}`)}
            </li>
          ))}
          <li className="legend__wide">
            {t('layers.serviceTypeMark')}: + {t('serviceType.health_cmr')}, P {t('serviceType.psychosocial')},
            H {t('serviceType.safe_house')}…
          </li>
          <li className="legend__wide">
            <Swatch mods="dot hollow" /> {t('layers.communeRing')}
          </li>
          <li className="legend__wide muted">{t('layers.hiddenNote')}</li>
        </ul>
      )}
      {shown.alerts && (
        <ul className="legend" data-testid="legend-alerts">
          <li className="legend__wide legend__head">{t('layers.levels')}</li>
          {([1, 2, 3, 4, 5] as const).map((l) => (
            <li key={l} data-testid={`legend-level-${l}`}>
              <Swatch fill={ALERT_LEVEL_COLOURS[l]} /> {t('alerts.level', { level: l })}
            </li>
          ))}
          <li className="legend__wide">
            <Swatch mods="line" /> {t('layers.stormTrack')}
          </li>
          <li className="legend__wide">
            <Swatch mods="dot storm" /> {t('layers.stormNow')}
          </li>
        </ul>
      )}
      {hasIncidents && shown.incidents && incidents && (
        <div className="legend-block" data-testid="legend-incidents" data-month={incidentMonth ?? ''}>
          <ul className="legend">
            <li className="legend__wide legend__head">
              {t('layers.incidentScale', { month: incidentMonth ?? '' })}
            </li>
            {INCIDENT_CLASSES.map((c) => (
              <li key={c.min}>
                <Swatch fill={c.colour} /> ≥ {c.min}
              </li>
            ))}
            <li>
              <Swatch fill={SMALL_COLOUR} /> {t('layers.incidentSmall')}
            </li>
            <li className="legend__wide">
              <Swatch mods="empty" /> {t('layers.incidentHidden')}
            </li>
          </ul>
          <IncidentNote note={incidents.note} />
        </div>
      )}
      {showsRequests && shown.requests && (
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
  );
}
