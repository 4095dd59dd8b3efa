// Background Sync for the outbox (imported by the generated service worker, see client/vite.config.ts).
// With a window of the app open, that window sends (it knows conflicts, versions and the user's
// screen); with none, the worker sends the signed-in user's pending writes itself, in order, with
// their idempotency keys, so a write the app sends again later is still applied once. It stops at the
// first answer that is not a success and leaves that entry for the app to show.
// The names (database 'shr-device', stores 'outbox' and 'meta') are client/src/lib/deviceDb.ts's.
'use strict';

function req(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openDevice() {
  const r = indexedDB.open('shr-device', 1);
  r.onupgradeneeded = () => {
    for (const name of ['outbox', 'copy', 'meta']) r.result.createObjectStore(name);
  };
  return req(r);
}

async function sendOutbox() {
  const db = await openDevice();
  try {
    const userId = await req(db.transaction('meta').objectStore('meta').get('currentUser'));
    if (!userId) return;
    let entries = (await req(db.transaction('outbox').objectStore('outbox').get(userId))) || [];
    for (;;) {
      const entry = entries.find((e) => e && e.state === 'pending');
      if (!entry) return;
      // A network failure throws: the browser runs this sync again later.
      const res = await fetch(entry.path, {
        method: entry.method,
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'Idempotency-Key': entry.key,
        },
        credentials: 'same-origin',
        body: JSON.stringify(entry.body),
      });
      if (!res.ok) {
        if (res.status >= 500 || res.status === 401) throw new Error(`outbox: ${res.status}`);
        return;
      }
      // Read again: the app may have changed the outbox meanwhile.
      const tx = db.transaction('outbox', 'readwrite');
      const store = tx.objectStore('outbox');
      entries = ((await req(store.get(userId))) || []).filter((e) => e && e.key !== entry.key);
      if (entries.length) store.put(entries, userId);
      else store.delete(userId);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    }
  } finally {
    db.close();
  }
}

self.addEventListener('sync', (event) => {
  if (event.tag !== 'outbox') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((windows) => {
      if (windows.length === 0) return sendOutbox();
      for (const w of windows) w.postMessage({ type: 'outbox:flush' });
      return undefined;
    }),
  );
});
