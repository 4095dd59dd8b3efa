/**
 * A bench-only page: the app's offline basemap and shelter layer (the real modules from
 * client/src/map) fed with many shelters through the real shelter store, so the benchmark can
 * stream changes at a fixed rate without a server. Never shipped.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import {
  MAP_FONT,
  VN_VIEW,
  pointsStyle,
  loadNeighbours,
  offlineStyle,
} from '../../client/src/map/basemap.js';
import { createStackedMap, stackedIdle, stackedLoad } from '../../client/src/map/stackedMap.js';
import { mountShelterLayer } from '../../client/src/map/layers/shelterLayer.js';
import { mountRequestLayer } from '../../client/src/map/layers/requestLayer.js';
import { mountServiceLayer } from '../../client/src/map/layers/serviceLayer.js';
import { useRequestStore } from '../../client/src/features/requests/requestStore.js';
import { useServiceStore } from '../../client/src/features/services/serviceStore.js';
import type { CoordinationRequest } from '../../shared/schemas/requests.js';
import { firstAvailability, type ServicePoint } from '../../shared/schemas/services.js';
import { createUpdateScheduler, type UpdateScheduler } from '../../client/src/map/layers/scheduler.js';
import { useShelterStore } from '../../client/src/features/shelters/shelterStore.js';
import { emptyChecklist } from '../../shared/domain/safety.js';
import { SERVICE_STATUSES, SERVICE_TYPES, SHELTER_STATUSES } from '../../shared/enums.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

maplibregl.setWorkerUrl(workerUrl);

const params = new URLSearchParams(location.search);
const N = Number(params.get('features') ?? 5000);
/**
 * `all`: the service layer (one service for every ten shelters) and the request badges (an open
 * request on every tenth shelter and service) as well, and the live changes spread over the three:
 * of every ten, eight to shelters, one to a service's status, one opening or closing a request.
 */
const LAYERS = params.get('layers') ?? 'shelters';
const ALL_LAYERS = LAYERS !== 'shelters';
/** `services` or `requests`: the same data and changes as `all`, with only that layer beside the shelters. */
const MOUNT_SERVICES = LAYERS === 'all' || LAYERS === 'services';
const MOUNT_REQUESTS = LAYERS === 'all' || LAYERS === 'requests';

// A small deterministic generator, so every run draws the same shelters.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** The record fields every generated record starts with: a UUID numbered `i` in its `group`, version 1. */
function recordMeta(group: string, i: number, now: string) {
  return {
    id: `00000000-0000-4000-${group}-${String(i).padStart(12, '0')}`,
    createdAt: now,
    updatedAt: now,
    version: 1,
    updatedBy: null,
    orgId: null,
  };
}

function shelter(i: number): Shelter {
  const now = new Date().toISOString();
  return {
    ...recordMeta('8000', i, now),
    name: `Shelter ${i}`,
    kind: 'school',
    provinceCode: '22',
    communeCode: null,
    lat: 9 + rand() * 14,
    lon: 103 + rand() * 6,
    managingOrgId: null,
    contactPhone: null,
    status: SHELTER_STATUSES[i % SHELTER_STATUSES.length]!,
    capacity: 500,
    occupancy: Math.floor(rand() * 500),
    households: 10,
    demographics: null,
    vulnerable: null,
    needs: { water: 'ok', food: 'ok', power: 'ok', medical: 'ok' },
    checklist: emptyChecklist(),
    safetyScore: Math.floor(rand() * 10),
    lastReportedAt: now,
    reportSource: 'app',
    smsCode: `S${i}`,
    simulated: true,
  };
}

function service(i: number): ServicePoint {
  const now = new Date().toISOString();
  return {
    ...recordMeta('9000', i, now),
    name: `Service ${i}`,
    providerOrgId: null,
    masked: false,
    types: [SERVICE_TYPES[i % SERVICE_TYPES.length]!],
    provinceCode: '22',
    communeCode: null,
    locationVisibility: 'exact',
    positionShown: 'exact',
    lat: 9 + rand() * 14,
    lon: 103 + rand() * 6,
    contactPhone: null,
    hours: null,
    open24h: true,
    languages: ['vi'],
    cost: 'free',
    referral: 'self',
    availability: firstAvailability(SERVICE_STATUSES[i % SERVICE_STATUSES.length]!, now, null),
    lastReportedAt: now,
    simulated: true,
  };
}

interface Segment {
  longTasks: number;
  longTaskMs: number;
  longTaskMax: number;
  frames: number[];
  changes: number;
  /** Changes on screen within 1 s of being made (see `measuredScheduler`). */
  drawnWithin1s: number;
  /** Frames in which MapLibre repainted the canvas (its `render` events). */
  repaints: number;
}

declare global {
  interface Window {
    benchReady?: boolean;
    benchError?: string;
    runSegment?: (live: boolean, seconds: number, perSecond: number) => Promise<Segment>;
  }
}

/** Which layer draws a change. */
type Kind = 'shelter' | 'service' | 'request';

/** Per layer: when each of its changes in the running segment was made, in order. */
const made: Record<Kind, number[]> = { shelter: [], service: [], request: [] };
/** Per layer: its changes [0, drawnUpTo) are on screen. */
const drawnUpTo: Record<Kind, number> = { shelter: 0, service: 0, request: 0 };
/** Changes on screen within a second of being made, over every layer. */
let drawnWithin1s = 0;

/**
 * The app's scheduler, watched: a layer's redraw reads the store when it starts, so once its promise
 * settles (the layers resolve it when the source has loaded what they sent) and the next frame is
 * painted, every change to that layer's records made before it started is on screen. `kinds` names
 * the layer of each redraw in the order the layers add theirs; only its own changes count as drawn.
 */
function measuredScheduler(inner: UpdateScheduler, kinds: Kind[]): UpdateScheduler {
  let added = 0;
  return {
    add: (update, options) => {
      const kind = kinds[added++];
      return inner.add(() => {
        if (!kind) return update();
        const mine = made[kind];
        const upTo = mine.length;
        const drawn = () =>
          requestAnimationFrame(() => {
            const t = performance.now();
            for (; drawnUpTo[kind] < Math.min(upTo, mine.length); drawnUpTo[kind]++)
              if (t - mine[drawnUpTo[kind]]! <= 1000) drawnWithin1s++;
          });
        const r = update();
        if (r instanceof Promise) return r.finally(drawn);
        drawn();
        return r;
      }, options);
    },
    dispose: () => inner.dispose(),
  };
}

async function main() {
  await document.fonts.load('16px "Noto Sans"').catch(() => undefined);
  // The app's two stacked maps (client/src/map/stackedMap.ts): the point layers go on the upper one.
  const stack = createStackedMap(
    document.getElementById('map')!,
    { base: offlineStyle(await loadNeighbours(), 'en'), points: pointsStyle() },
    { bounds: VN_VIEW, attributionControl: false },
  );
  const map = stack.map;
  const shelters = Array.from({ length: N }, (_, i) => shelter(i));
  useShelterStore.getState().replaceAll(shelters);
  await stackedLoad(stack);
  // The layers add their redraws in mount order: shelters, then services, then request badges.
  const kinds: Kind[] = [
    'shelter',
    ...(MOUNT_SERVICES ? ['service' as const] : []),
    ...(MOUNT_REQUESTS ? ['request' as const] : []),
  ];
  const ctx = { font: MAP_FONT, scheduler: measuredScheduler(createUpdateScheduler(), kinds) };
  mountShelterLayer(map, ctx);
  const services = ALL_LAYERS ? Array.from({ length: Math.ceil(N / 10) }, (_, i) => service(i)) : [];
  // One open request on every tenth shelter and service: only the fields the badges read.
  const requests = ALL_LAYERS
    ? [
        ...shelters
          .filter((_, i) => i % 10 === 0)
          .map((s, i) => ({ id: `r-${i}`, version: 1, status: 'open', shelterId: s.id, serviceId: null })),
        ...services
          .filter((_, i) => i % 10 === 0)
          .map((s, i) => ({ id: `q-${i}`, version: 1, status: 'open', shelterId: null, serviceId: s.id })),
      ]
    : [];
  if (ALL_LAYERS) {
    useServiceStore.getState().replaceAll(services);
    useRequestStore.getState().replaceAll(requests as unknown as CoordinationRequest[]);
  }
  if (MOUNT_SERVICES) mountServiceLayer(map, ctx);
  if (MOUNT_REQUESTS) mountRequestLayer(map, ctx);
  await stackedIdle(stack);
  // Settled: a layer may still be drawing its first data after the first idle (the shelter clusters
  // come from a worker), and that must not land in the first static segment.
  await new Promise((r) => setTimeout(r, 2000));
  if (!map.loaded()) await new Promise<void>((r) => map.once('idle', () => r()));

  let repaints = 0;
  // Either canvas redrawn counts (the basemap should not be, with the camera still).
  map.on('render', () => repaints++);
  stack.base.on('render', () => repaints++);

  let longTasks: PerformanceEntry[] = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
    type: 'longtask',
    buffered: false,
  });

  window.runSegment = async (live, seconds, perSecond) => {
    longTasks = [];
    repaints = 0;
    for (const k of Object.keys(made) as Kind[]) {
      made[k].length = 0;
      drawnUpTo[k] = 0;
    }
    drawnWithin1s = 0;
    const frames: number[] = [];
    let last = performance.now();
    let running = true;
    const tick = (t: number) => {
      frames.push(t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    let changes = 0;
    const started = performance.now();
    // One change: the next of the feed. Like socket messages, changes due while the page was busy
    // are not dropped: each tick makes every change the rate asked for by then.
    const change = () => {
      const updatedAt = new Date().toISOString();
      // Of every ten: eight shelters, one service, one request; a change for a layer that is not
      // mounted goes to a shelter instead, so every change made is one some layer must draw.
      const slot = ALL_LAYERS ? changes % 10 : 0;
      const which = (slot === 8 && !MOUNT_SERVICES) || (slot === 9 && !MOUNT_REQUESTS) ? 0 : slot;
      let kind: Kind = 'shelter';
      if (which === 8) {
        const k = Math.floor(changes / 10) % services.length;
        const v = services[k]!;
        const status =
          SERVICE_STATUSES[(SERVICE_STATUSES.indexOf(v.availability.status) + 1) % SERVICE_STATUSES.length]!;
        const next = {
          ...v,
          version: v.version + 1,
          updatedAt,
          availability: { ...v.availability, status },
        };
        services[k] = next;
        kind = 'service';
        useServiceStore.getState().upsert(next);
      } else if (which === 9) {
        const k = Math.floor(changes / 10) % requests.length;
        const r = requests[k]!;
        const next = { ...r, version: r.version + 1, status: r.status === 'open' ? 'done' : 'open' };
        requests[k] = next;
        kind = 'request';
        useRequestStore.getState().upsert(next as unknown as CoordinationRequest);
      } else {
        const s = shelters[changes % shelters.length]!;
        const next = { ...s, version: s.version + 1, occupancy: (s.occupancy + 7) % 600, updatedAt };
        shelters[changes % shelters.length] = next;
        useShelterStore.getState().upsert(next);
      }
      // Timed from when the feed had it due, not from when the busy page got to it.
      made[kind].push(started + (changes / perSecond) * 1000);
      changes++;
    };
    const timer = live
      ? setInterval(() => {
          const due = Math.min(
            Math.floor(((performance.now() - started) / 1000) * perSecond),
            seconds * perSecond,
          );
          while (changes < due) change();
        }, 1000 / perSecond)
      : null;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    running = false;
    if (timer) clearInterval(timer);
    const tasks = longTasks;
    const painted = repaints;
    // The last second's changes still get their second to be drawn (not part of the frame figures).
    if (live) await new Promise((r) => setTimeout(r, 1500));
    return {
      longTasks: tasks.length,
      longTaskMs: tasks.reduce((a, e) => a + e.duration, 0),
      longTaskMax: tasks.reduce((a, e) => Math.max(a, e.duration), 0),
      frames: frames.slice(1),
      changes,
      drawnWithin1s,
      repaints: painted,
    };
  };
  // The upper map, for the console or an experiment driving the page.
  (window as unknown as { benchMap: maplibregl.Map }).benchMap = map;
  window.benchReady = true;
}

main().catch((err: unknown) => {
  window.benchError = String(err);
});
