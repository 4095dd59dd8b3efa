/**
 * A bench-only page: the app's offline basemap and shelter layer (the real modules from
 * client/src/map) fed with many shelters through the real shelter store, so the benchmark can
 * stream changes at a fixed rate without a server. Never shipped.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MAP_FONT, VN_VIEW, loadNeighbours, offlineStyle } from '../../client/src/map/basemap.js';
import { mountShelterLayer } from '../../client/src/map/layers/shelterLayer.js';
import { createUpdateScheduler } from '../../client/src/map/layers/scheduler.js';
import { useShelterStore } from '../../client/src/features/shelters/shelterStore.js';
import { emptyChecklist } from '../../shared/domain/safety.js';
import { SHELTER_STATUSES } from '../../shared/enums.js';
import type { Shelter } from '../../shared/schemas/shelters.js';

maplibregl.setWorkerUrl(workerUrl);

const params = new URLSearchParams(location.search);
const N = Number(params.get('features') ?? 5000);

// A small deterministic generator, so every run draws the same shelters.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function shelter(i: number): Shelter {
  const now = new Date().toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    createdAt: now,
    updatedAt: now,
    version: 1,
    updatedBy: null,
    orgId: null,
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

interface Segment {
  longTasks: number;
  longTaskMs: number;
  frames: number[];
  changes: number;
}

declare global {
  interface Window {
    benchReady?: boolean;
    benchError?: string;
    runSegment?: (live: boolean, seconds: number, perSecond: number) => Promise<Segment>;
  }
}

async function main() {
  await document.fonts.load('16px "Noto Sans"').catch(() => undefined);
  const style = offlineStyle(await loadNeighbours(), 'en');
  const map = new maplibregl.Map({ container: 'map', style, bounds: VN_VIEW, attributionControl: false });
  const shelters = Array.from({ length: N }, (_, i) => shelter(i));
  useShelterStore.getState().replaceAll(shelters);
  await new Promise<void>((r) => map.on('load', () => r()));
  mountShelterLayer(map, { font: MAP_FONT, scheduler: createUpdateScheduler() });
  await new Promise<void>((r) => map.once('idle', () => r()));

  let longTasks: PerformanceEntry[] = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({
    type: 'longtask',
    buffered: false,
  });

  window.runSegment = async (live, seconds, perSecond) => {
    longTasks = [];
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
    const timer = live
      ? setInterval(() => {
          const s = shelters[changes % shelters.length]!;
          const next = {
            ...s,
            version: s.version + 1,
            occupancy: (s.occupancy + 7) % 600,
            updatedAt: new Date().toISOString(),
          };
          shelters[changes % shelters.length] = next;
          useShelterStore.getState().upsert(next);
          changes++;
        }, 1000 / perSecond)
      : null;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    running = false;
    if (timer) clearInterval(timer);
    return {
      longTasks: longTasks.length,
      longTaskMs: longTasks.reduce((a, e) => a + e.duration, 0),
      frames: frames.slice(1),
      changes,
    };
  };
  window.benchReady = true;
}

main().catch((err: unknown) => {
  window.benchError = String(err);
});
