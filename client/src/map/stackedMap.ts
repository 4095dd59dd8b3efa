import * as maplibregl from 'maplibre-gl';

/**
 * The map as two MapLibre maps in one container, one above the other, sharing one camera:
 * - below, the basemap and the area layers (alert fills and outlines, storm tracks, the incident
 *   choropleth): drawn when the camera moves or an alert or the monthly figures change;
 * - above, on a transparent canvas, the point layers (shelters, services, request badges), which
 *   change at the storm's rate. It takes every input and leads the camera.
 *
 * WebGL redraws a whole canvas for any change, so in one map a shelter's new head count redrew
 * every basemap polygon too. On a laptop without a usable GPU the browser renders WebGL in
 * software and waits for each frame on the main thread: at 1280x800 a repaint of the whole map
 * took 100-150 ms (a long task), the point layers alone much less (bench/map.ts). The layers keep
 * their order from bottom to top (areas under points), so the picture is the same as one map's.
 *
 * Neither map draws a sky its style does not set (`skipUnsetSky`).
 */
export interface StackedMap {
  /** The upper map: the point layers, the controls and every input. */
  map: maplibregl.Map;
  /** The map below: basemap and area layers; it follows `map`'s camera. */
  base: maplibregl.Map;
  /** Remove both maps and their elements. */
  remove(): void;
}

/** Map options both maps share (the camera's start and limits, fades, locale). */
type Shared = Omit<maplibregl.MapOptions, 'container' | 'style' | 'interactive'>;

export function createStackedMap(
  container: HTMLElement,
  styles: { base: maplibregl.StyleSpecification | string; points: maplibregl.StyleSpecification },
  options: Shared,
): StackedMap {
  const layer = () => {
    const el = document.createElement('div');
    // Inline, so no style sheet's `.maplibregl-map { position: relative }` can unstack them.
    el.style.position = 'absolute';
    el.style.inset = '0';
    container.appendChild(el);
    return el;
  };
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  const baseEl = layer();
  const mapEl = layer();
  let base: maplibregl.Map;
  try {
    base = new maplibregl.Map({ ...options, container: baseEl, style: styles.base, interactive: false });
  } catch (err) {
    baseEl.remove();
    mapEl.remove();
    throw err;
  }
  let map: maplibregl.Map;
  try {
    map = new maplibregl.Map({ ...options, container: mapEl, style: styles.points });
  } catch (err) {
    base.remove();
    baseEl.remove();
    mapEl.remove();
    throw err;
  }
  skipUnsetSky(base);
  skipUnsetSky(map);
  // Every camera change of the upper map (drag, zoom, fitBounds, jumpTo) is the basemap's in the
  // same frame: both repaint on the next animation frame.
  const follow = () =>
    base.jumpTo({
      center: map.getCenter(),
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      pitch: map.getPitch(),
    });
  map.on('move', follow);
  map.on('resize', () => base.resize());
  follow();
  return {
    map,
    base,
    remove: () => {
      map.remove();
      base.remove();
      baseEl.remove();
      mapEl.remove();
    },
  };
}

/** Resolves once both maps' styles have loaded (layers can be added to either). */
export function stackedLoad(s: StackedMap): Promise<void> {
  const load = (m: maplibregl.Map) => (m.isStyleLoaded() ? Promise.resolve() : m.once('load'));
  return Promise.all([load(s.map), load(s.base)]).then(() => undefined);
}

/** Resolves once both maps have been idle (everything loaded and drawn) at least once. */
export function stackedIdle(s: StackedMap): Promise<void> {
  const idle = (m: maplibregl.Map) =>
    new Promise<void>((r) => (m.loaded() && m.isStyleLoaded() ? r() : m.once('idle', () => r())));
  return Promise.all([idle(s.map), idle(s.base)]).then(() => undefined);
}

/**
 * MapLibre (6.17 to 6.20 at least) draws its sky on every frame, a full-screen quad, even when the
 * style sets none: the default sky is transparent and the flat map never shows a horizon, so it
 * paints nothing, but every pixel still runs its shader. In software WebGL that was 30-35 ms of a
 * 1280x800 frame, more than the shelters, services and badges together (26 ms). The sky is drawn
 * only when the style sets one (what MapLibre's own review of the sky meant to do); the draw
 * functions are this map's own copy, again after a lost WebGL context gives it a new painter.
 */
export function skipUnsetSky(map: maplibregl.Map): void {
  const apply = () => {
    const painter = map.painter;
    const draw = painter.drawFunctions;
    if ((draw as { unsetSkySkipped?: true }).unsetSkySkipped) return;
    painter.drawFunctions = {
      ...draw,
      sky: (...args) => {
        if (map.getSky()) draw.sky(...args);
      },
      unsetSkySkipped: true,
    } as typeof draw;
  };
  apply();
  map.on('webglcontextrestored', apply);
}
