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
import { useLanguageStore } from './i18n/language.js';
import { useAuthStore } from './features/auth/authStore.js';
import { registerServiceWorker } from './lib/serviceWorker.js';

/** A page with i18next started: the sign-in screen draws without it, the pages and the shell need it. */
const withI18n = <T,>(page: Promise<T>) =>
  Promise.all([page, import('./i18n/index.js').then((m) => m.initI18n())]).then(([m]) => m);

// The printable shift handover brief is a page of its own (/handover), loaded only when opened.
const HandoverPage = lazy(() =>
  withI18n(import('./features/handover/HandoverPage.js')).then((m) => ({ default: m.HandoverPage })),
);
// So are the coordination matrix (/coordination) and a shelter's referral pathway poster (/referral-pathway).
const MatrixPage = lazy(() =>
  withI18n(import('./features/coordination/MatrixPage.js')).then((m) => ({ default: m.MatrixPage })),
);
const ReferralPosterPage = lazy(() =>
  withI18n(import('./features/coordination/ReferralPosterPage.js')).then((m) => ({
    default: m.ReferralPosterPage,
  })),
);
const PAGES = {
  '/handover': HandoverPage,
  '/coordination': MatrixPage,
  '/referral-pathway': ReferralPosterPage,
};
const Page = PAGES[window.location.pathname as keyof typeof PAGES] ?? null;

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
document.documentElement.lang = useLanguageStore.getState().language;
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
