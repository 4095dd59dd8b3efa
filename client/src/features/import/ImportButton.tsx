import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importsRecords } from '../../../../shared/domain/permissions.js';
import { useAuthStore } from '../auth/authStore.js';

// The dialog (CSV reading, the report) comes when opened: the list it sits beside is on every phone's first screen.
const ImportDialog = lazy(() => import('./ImportDialog.js').then((m) => ({ default: m.ImportDialog })));

/** "Import CSV" beside a list's export links, for the roles that may import that list. */
export function ImportButton({ kind }: { kind: 'shelters' | 'services' }) {
  const { t } = useTranslation();
  const me = useAuthStore((s) => s.me);
  const [open, setOpen] = useState(false);
  if (!me || !importsRecords(me, kind)) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn--small"
        data-testid={`import-${kind}`}
        onClick={() => setOpen(true)}
      >
        {t('import.open')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog kind={kind} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
