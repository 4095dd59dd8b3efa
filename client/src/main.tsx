import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { PartBoundary } from './app/PartBoundary.js';
import { initI18n } from './i18n/index.js';

// The printable shift handover brief is a page of its own (/handover), loaded only when opened.
const HandoverPage = lazy(() =>
  import('./features/handover/HandoverPage.js').then((m) => ({ default: m.HandoverPage })),
);
const page = window.location.pathname === '/handover' ? 'handover' : 'app';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      {/* Last resort: parts have their own boundaries; this keeps even a broken shell from a blank page. */}
      <PartBoundary name="app">
        {page === 'handover' ? (
          <Suspense fallback={null}>
            <HandoverPage />
          </Suspense>
        ) : (
          <App />
        )}
      </PartBoundary>
    </StrictMode>,
  ),
);
