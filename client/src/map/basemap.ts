import type { FeatureCollection, Geometry } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import attributionMd from '../../../shared/geo/vn-admin-2025/ATTRIBUTION.md?raw';
import labelsUrl from '../../../shared/geo/vn-admin-2025/province-labels.geojson?url';
import provincesUrl from '../../../shared/geo/vn-admin-2025/provinces.geojson?url';
import countriesUrl from 'world-atlas/countries-50m.json?url';

/** A font family bundled with the app (@fontsource/noto-sans): MapLibre draws labels with it locally, no glyph server. */
export const MAP_FONT = ['Noto Sans'];

/** A deployer's vector tile / PMTiles style, when set at build time; otherwise the offline basemap. */
export const CUSTOM_STYLE_URL: string | undefined = import.meta.env.VITE_BASEMAP_STYLE_URL || undefined;

/** The attribution line the boundary data asks for, read from the data folder so it cannot drift. */
export const BOUNDARY_ATTRIBUTION = attributionMd
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .at(-1) as string;

/**
 * The area to show first: mainland Viet Nam and Hoang Sa, where the shelters are. Truong Sa lies
 * further south-east and is one pan away; fitting it too would halve the size of the mainland.
 */
export const VN_VIEW: [[number, number], [number, number]] = [
  [102.1, 8.3],
  [112.8, 23.4],
];

/** Style URLs for GeoJSON must be absolute (MapLibre resolves them in its worker). */
function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}

// Neighbours only: far-away countries would cost worker time for nothing.
const REGION = { minLon: 88, maxLon: 130, minLat: -6, maxLat: 32 };
const VIET_NAM = '704';

/** Neighbouring countries from Natural Earth (world-atlas), as GeoJSON. */
export async function loadNeighbours(): Promise<FeatureCollection<Geometry>> {
  const res = await fetch(countriesUrl);
  const topo = (await res.json()) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return {
    type: 'FeatureCollection',
    features: fc.features.filter((f) => f.id !== VIET_NAM && f.geometry && inRegion(f.geometry)),
  };
}

function inRegion(g: Geometry): boolean {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  if (g.type === 'GeometryCollection')
    g.geometries.forEach((x) => walk('coordinates' in x ? x.coordinates : []));
  else walk(g.coordinates);
  // A span wider than 100 degrees means a country across the antimeridian, never a neighbour here.
  return (
    maxX - minX < 100 &&
    maxX > REGION.minLon &&
    minX < REGION.maxLon &&
    maxY > REGION.minLat &&
    minY < REGION.maxLat
  );
}

/** Province label text in the interface language. */
export function labelField(lng: string): ['get', string] {
  return ['get', lng.startsWith('en') ? 'nameEn' : 'nameVi'];
}

/** The offline basemap: sea, neighbouring countries, Viet Nam's 34 provinces and their names. */
export function offlineStyle(neighbours: FeatureCollection<Geometry>, lng: string): StyleSpecification {
  return {
    version: 8,
    // No `glyphs`: labels are drawn from the bundled web font.
    sources: {
      countries: { type: 'geojson', data: neighbours },
      provinces: { type: 'geojson', data: absolute(provincesUrl) },
      'province-labels': { type: 'geojson', data: absolute(labelsUrl) },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#c9dfec' } },
      { id: 'countries-fill', type: 'fill', source: 'countries', paint: { 'fill-color': '#e7e5df' } },
      {
        id: 'countries-line',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': '#8a8a86', 'line-width': 0.8 },
      },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#fbfaf7' } },
      {
        id: 'provinces-line',
        type: 'line',
        source: 'provinces',
        paint: {
          'line-color': '#5b6b7f',
          'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 9, 1.6],
        },
      },
      {
        id: 'province-labels',
        type: 'symbol',
        source: 'province-labels',
        minzoom: 4,
        layout: {
          'text-field': labelField(lng),
          'text-font': MAP_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 5, 12, 9, 18],
          'text-max-width': 8,
        },
        paint: { 'text-color': '#1e293b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  };
}

/**
 * The upper map's style (stackedMap.ts): nothing of its own on a transparent canvas (no
 * background), for the point layers to be added to. No `glyphs`: their counts are drawn from the
 * bundled web font, whatever the basemap below is.
 */
export function pointsStyle(): StyleSpecification {
  return { version: 8, sources: {}, layers: [] };
}
