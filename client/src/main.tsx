import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { PartBoundary } from './app/PartBoundary.js';
import { initI18n } from './i18n/index.js';
import { useOutboxStore } from './features/outbox/outboxStore.js';
import { registerServiceWorker } from './lib/serviceWorker.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      {/* Last resort: parts have their own boundaries; this keeps even a broken shell from a blank page. */}
      <PartBoundary name="app">
        <App />
      </PartBoundary>
    </StrictMode>,
  ),
);

registerServiceWorker(() => void useOutboxStore.getState().flush());
