// Only the subsets Vietnamese and English text use: latin-ext alone weighed 116 KB on a 50 KB/s link,
// fetched for a handful of letters the Vietnamese subset already draws.
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/vietnamese-700.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import './styles.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { PartBoundary } from './app/PartBoundary.js';
import { initI18n } from './i18n/index.js';
import { useAuthStore } from './features/auth/authStore.js';
import { registerServiceWorker } from './lib/serviceWorker.js';

// The printable shift handover brief is a page of its own (/handover), loaded only when opened.
const HandoverPage = lazy(() =>
  import('./features/handover/HandoverPage.js').then((m) => ({ default: m.HandoverPage })),
);
// So are the coordination matrix (/coordination) and a shelter's referral pathway poster (/referral-pathway).
const MatrixPage = lazy(() =>
  import('./features/coordination/MatrixPage.js').then((m) => ({ default: m.MatrixPage })),
);
const ReferralPosterPage = lazy(() =>
  import('./features/coordination/ReferralPosterPage.js').then((m) => ({ default: m.ReferralPosterPage })),
);
const PAGES = {
  '/handover': HandoverPage,
  '/coordination': MatrixPage,
  '/referral-pathway': ReferralPosterPage,
};
const Page = PAGES[window.location.pathname as keyof typeof PAGES] ?? null;

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      {/* Last resort: parts have their own boundaries; this keeps even a broken shell from a blank page. */}
      <PartBoundary name="app">
        {Page ? (
          <Suspense fallback={null}>
            <Page />
          </Suspense>
        ) : (
          <App />
        )}
      </PartBoundary>
    </StrictMode>,
  ),
);

// After the first state is on screen (live or from the device), never before. The device copy and the
// outbox (IndexedDB) come with the signed-in app, so the sign-in form does not wait for them.
const signedIn = new Promise<void>((resolve) => {
  if (useAuthStore.getState().status === 'signed_in') return resolve();
  const stop = useAuthStore.subscribe((s) => {
    if (s.status !== 'signed_in') return;
    stop();
    resolve();
  });
});
const firstState = signedIn
  .then(() => import('./realtime/deviceCopy.js'))
  .then(
    ({ useDeviceCopyStore }) =>
      new Promise<void>((resolve) => {
        if (useDeviceCopyStore.getState().loaded) return resolve();
        const stop = useDeviceCopyStore.subscribe((s) => {
          if (!s.loaded) return;
          stop();
          resolve();
        });
      }),
  );
registerServiceWorker(
  firstState,
  () => void import('./features/outbox/outboxStore.js').then((m) => m.useOutboxStore.getState().flush()),
);
