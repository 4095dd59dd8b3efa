import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importsRecords } from '../../../../shared/domain/permissions.js';
import { useAuthStore } from '../auth/authStore.js';
import { ImportDialog } from './ImportDialog.js';

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
      {open && <ImportDialog kind={kind} onClose={() => setOpen(false)} />}
    </>
  );
}
