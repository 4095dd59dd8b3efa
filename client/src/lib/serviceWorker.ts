/**
 * Register the service worker (built by vite-plugin-pwa as sw.js) once `ready` resolves (the first
 * state is on screen), so its install (the shell and every screen's chunk) never competes with the
 * sign-in form or the list on a slow link. `onFlush` runs when the worker's Background Sync asks the
 * open app to send its outbox.
 */
export function registerServiceWorker(ready: Promise<void>, onFlush: () => void): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.addEventListener('message', (e: MessageEvent<unknown>) => {
    const data = e.data as { type?: unknown } | null;
    if (data?.type === 'outbox:flush') onFlush();
  });
  const register = () =>
    void navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
      // No worker (private mode, blocked): the app still works online, only not offline.
    });
  void ready.then(register);
}
