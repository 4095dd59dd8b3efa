import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { shownMonth, useIncidentStore, type IncidentData } from '../../features/incidents/incidentStore.js';
import { addLayerBelow, colourMatch } from './expressions.js';
import type { LayerContext } from './registry.js';

/** Layer ids. */
export const INCIDENT_LAYERS = ['incidents-fill'] as const;

/** Classes of the monthly province total; a small count (`<5`) has its own pale class, hidden ones none. */
export const INCIDENT_CLASSES = [
  { min: 20, colour: '#6b21a8' },
  { min: 10, colour: '#a855f7' },
  { min: 5, colour: '#d8b4fe' },
] as const;
export const SMALL_COLOUR = '#f3e8ff';
const NONE = 'rgba(0,0,0,0)';

/** The class colour of a published total: exact counts by class, `<5` pale, hidden or zero clear. */
export function incidentColour(total: number | string | null): string {
  if (typeof total === 'string') return SMALL_COLOUR;
  if (total === null || total === 0) return NONE;
  return INCIDENT_CLASSES.find((c) => total >= c.min)?.colour ?? SMALL_COLOUR;
}

/** A fill colour per province code for one month: area totals only, never points (SPEC 2.4). */
export function choroplethFill(
  data: IncidentData | null,
  month: string | null,
): ExpressionSpecification | string {
  if (!data || !month) return NONE;
  const pairs = Object.values(data.cells)
    .filter((c) => c.month === month)
    .flatMap((c) => [c.provinceCode, incidentColour(c.counts.total)]);
  return pairs.length ? colourMatch('code', pairs, NONE) : NONE;
}

/**
 * The incident choropleth by province, under the outlines. Mounted only when the snapshot carried
 * incident aggregates (roles allowed them); it follows the store and the chosen month in place.
 */
export function mountIncidentLayer(map: MapLibreMap, ctx: LayerContext): () => void {
  const fill = () => {
    const { data, month } = useIncidentStore.getState();
    return choroplethFill(data, shownMonth(data, month));
  };
  addLayerBelow(
    map,
    {
      id: 'incidents-fill',
      type: 'fill',
      source: 'provinces',
      paint: { 'fill-color': fill(), 'fill-opacity': 0.75 },
    },
    ['alerts-provinces', 'provinces-line'],
  );
  const schedule = ctx.scheduler.add(() => {
    map.setPaintProperty('incidents-fill', 'fill-color', fill());
  });
  return useIncidentStore.subscribe((s, prev) => {
    if (s.data !== prev.data || s.month !== prev.month) schedule();
  });
}
