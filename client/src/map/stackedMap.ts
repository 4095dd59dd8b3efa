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
 * their order from bottom to top (areas under points). One difference from one map: labels are
 * placed per map, so a province name is no longer dropped where a cluster's count stands over it
 * (the cluster circle covers it instead).
 *
 * The lower map is always flat (mercator, no terrain), as the upper one is: a deployer's style
 * that asks for a globe or terrain would otherwise draw its ground where no point stands.
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
  // One map for assistive technology: the upper one, which takes the input.
  baseEl.setAttribute('aria-hidden', 'true');
  const mapEl = layer();
  let base: maplibregl.Map;
  try {
    // It is resized with the upper map (below), not by an observer of its own.
    base = new maplibregl.Map({
      ...options,
      container: baseEl,
      style: styles.base,
      interactive: false,
      trackResize: false,
    });
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
  let styled = false;
  base.on('style.load', () => {
    styled = true;
    base.setProjection({ type: 'mercator' });
    base.setTerrain(null);
  });
  // Every camera change of the upper map (drag, zoom, easing, fitBounds, jumpTo) is the lower one's
  // in the same frame. A gesture or an animation moves the upper camera inside the upper map's own
  // animation frame, after the lower map's frame ran: a repaint the lower map asked for would come
  // a frame late (the basemap trailing the points). So the lower map is drawn at once, which also
  // drops the repaint its camera change asked for (once its style is in; before, it has nothing to
  // draw). While its tiles load it is drawn too, with what it has, as its own frame would.
  const follow = () => {
    base.jumpTo({
      center: map.getCenter(),
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      pitch: map.getPitch(),
    });
    if (styled) base.redraw();
  };
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

/**
 * Resolves once each map has nothing left to load or draw: at once for a map already there
 * (`loaded()`), else at its next `idle`. Call it after the layers are added, so it waits for them.
 */
export function stackedIdle(s: StackedMap): Promise<void> {
  const idle = (m: maplibregl.Map) =>
    new Promise<void>((r) => (m.loaded() ? r() : m.once('idle', () => r())));
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
