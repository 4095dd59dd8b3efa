declare global {
  interface Window {
    /** Set once the snapshot is loaded and, when the map is shown, it has drawn its first frame. */
    __appReady?: boolean;
    /** Set once the map has fired its first `idle`. */
    __mapReady?: boolean;
  }
}

let snapshotLoaded = false;
let mapExpected = false;
let mapReady = false;

function update(): void {
  window.__mapReady = mapReady;
  window.__appReady = snapshotLoaded && (!mapExpected || mapReady);
}

export function markSnapshotLoaded(loaded: boolean): void {
  snapshotLoaded = loaded;
  update();
}

/** Whether the screen shows the map, so readiness waits for it. */
export function expectMap(expected: boolean): void {
  mapExpected = expected;
  if (!expected) mapReady = false;
  update();
}

export function markMapReady(): void {
  mapReady = true;
  update();
}
