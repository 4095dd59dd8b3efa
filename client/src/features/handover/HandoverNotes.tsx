import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverNote } from '../../../../shared/schemas/handover.js';
import { LIMITS } from '../../../../shared/limits.js';
import { api } from '../../lib/api.js';
import { useFormat } from '../../lib/format.js';

/** Notes for the next shift of this desk: the list (printed) and a field to add one (not printed). */
export function HandoverNotes({
  notes,
  onSaved,
}: {
  notes: HandoverNote[];
  onSaved: (n: HandoverNote) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async () => {
    setBusy(true);
    const r = await api.post<HandoverNote>('/api/handover/notes', { text: text.trim() });
    setBusy(false);
    if (r.ok) {
      onSaved(r.data);
      setText('');
      setResult({ ok: true, text: t('handover.noteSaved') });
    } else setResult({ ok: false, text: t('handover.noteFailed', { message: r.error.message }) });
  };

  return (
    <section data-testid="handover-notes">
      <h2>{t('handover.notes')}</h2>
      {notes.length === 0 ? (
        <p className="muted">{t('handover.noNotes')}</p>
      ) : (
        <ul>
          {notes.map((n) => (
            <li key={n.id}>
              <strong>
                {f.time(n.at)} · {n.by}:
              </strong>{' '}
              {n.text}
            </li>
          ))}
        </ul>
      )}
      <div className="handover__note no-print">
        <textarea
          value={text}
          maxLength={LIMITS.messageMax}
          rows={3}
          aria-label={t('handover.notes')}
          placeholder={t('handover.notePlaceholder')}
          data-testid="handover-note-text"
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          disabled={busy || text.trim() === ''}
          data-testid="handover-note-save"
          onClick={() => void save()}
        >
          {t('handover.saveNote')}
        </button>
        {result && (
          <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'handover__ok' : 'handover__error'}>
            {result.text}
          </p>
        )}
      </div>
    </section>
  );
}
