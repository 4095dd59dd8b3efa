import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/schemas/imports.js';
import { newIdempotencyKey } from '../../lib/api.js';
import { sendImport, type ImportReply } from './api.js';
import { TableHead } from '../../app/ui/TableHead.js';
import './import.css';

/** Refused cells shown in the dialog at most; the count says how many more there are. */
const SHOWN_REFUSALS = 50;

type Step =
  | { at: 'choose' }
  | { at: 'busy'; what: 'check' | 'store' }
  | { at: 'preview'; report: ImportReport }
  | { at: 'done'; report: ImportReport }
  | { at: 'failed'; message: string };

/** One of the dialog's two steps forward (check the file, store the rows). */
function PrimaryAction(props: {
  testId: string;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="btn btn--primary"
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const refused = report.refused.slice(0, SHOWN_REFUSALS);
  return (
    <div className="import__report" data-testid="import-report">
      <p>
        {t('import.summary', {
          rows: report.rows,
          accepted: report.accepted,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
        })}
      </p>
      {report.refused.length > 0 && (
        <>
          <p className="import__refused-title">
            {t('import.refusedCount', { count: report.refused.length })}
          </p>
          <div className="import__table-wrap">
            <table className="import__table" data-testid="import-refused">
              <TableHead
                heads={[t('import.row'), t('import.column'), t('import.value'), t('import.reason')]}
              />
              <tbody>
                {refused.map((r, i) => (
                  <tr key={i}>
                    <td>{r.row}</td>
                    <td>{r.column ?? '—'}</td>
                    <td>{r.value ?? ''}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.refused.length > SHOWN_REFUSALS && (
            <p className="muted">{t('import.more', { count: report.refused.length - SHOWN_REFUSALS })}</p>
          )}
        </>
      )}
      {report.notes.length > 0 && (
        <ul className="import__notes" data-testid="import-notes">
          {report.notes.slice(0, SHOWN_REFUSALS).map((n, i) => (
            <li key={i}>
              {t('import.row')} {n.row}: {n.note}
            </li>
          ))}
        </ul>
      )}
      {report.ignoredColumns.length > 0 && (
        <p className="muted">{t('import.ignored', { columns: report.ignoredColumns.join(', ') })}</p>
      )}
    </div>
  );
}

/**
 * Import a CSV file: choose it, check it (a dry run that stores nothing), read the report, then
 * store it, with or without the refused rows. Esc, the close button and "import another file" are
 * the ways out; nothing is stored until "Import" is pressed.
 */
export function ImportDialog({ kind, onClose }: { kind: 'shelters' | 'services'; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const ref = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [step, setStep] = useState<Step>({ at: 'choose' });
  // A new input element for "import another file", so the old file's name goes with it.
  const [inputKey, setInputKey] = useState(0);
  // One key per file stored: pressing "Import" again after a lost answer stores it once.
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const failed = (r: Extract<ImportReply, { kind: 'error' }>) =>
    setStep({
      at: 'failed',
      message: r.status === 0 ? t('import.offline') : r.message || t('import.failed'),
    });

  const check = async () => {
    if (!file) return;
    setStep({ at: 'busy', what: 'check' });
    const r = await sendImport(kind, file, { dryRun: true, skipInvalid: false, lang });
    if (r.kind === 'error') failed(r);
    else setStep({ at: 'preview', report: r.report });
  };

  const store = async () => {
    if (!file) return;
    setStep({ at: 'busy', what: 'store' });
    const r = await sendImport(kind, file, { dryRun: false, skipInvalid, lang, idempotencyKey: key.current });
    if (r.kind === 'error') failed(r);
    else if (r.report.stored) {
      key.current = newIdempotencyKey();
      setStep({ at: 'done', report: r.report });
    } else setStep({ at: 'preview', report: r.report });
  };

  const again = () => {
    setFile(null);
    setSkipInvalid(false);
    setInputKey((k) => k + 1);
    key.current = newIdempotencyKey();
    setStep({ at: 'choose' });
  };

  const preview = step.at === 'preview' ? step.report : null;
  const canStore = preview !== null && preview.accepted > 0 && (preview.refused.length === 0 || skipInvalid);

  return (
    <dialog
      ref={ref}
      className="import"
      aria-labelledby="import-title"
      data-testid="import-dialog"
      onClose={onClose}
    >
      <div className="import__head">
        <h2 id="import-title">{t(`import.title.${kind}`)}</h2>
        <button
          type="button"
          className="btn btn--small"
          data-testid="import-close"
          onClick={() => ref.current?.close()}
        >
          {t('import.close')}
        </button>
      </div>
      <p className="muted">{t('import.help')}</p>
      {step.at !== 'done' && (
        <label className="import__file">
          <span>{t('import.file')}</span>
          <input
            key={inputKey}
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setStep({ at: 'choose' });
            }}
          />
        </label>
      )}
      {step.at === 'busy' && (
        <p role="status">{step.what === 'check' ? t('import.checking') : t('import.storing')}</p>
      )}
      {step.at === 'failed' && (
        <p role="alert" className="import__error" data-testid="import-error">
          {step.message}
        </p>
      )}
      {preview && <Report report={preview} />}
      {preview && preview.refused.length > 0 && preview.accepted > 0 && (
        <label className="import__skip">
          <input
            type="checkbox"
            checked={skipInvalid}
            data-testid="import-skip-invalid"
            onChange={(e) => setSkipInvalid(e.target.checked)}
          />
          {t('import.skipInvalid', { count: preview.accepted })}
        </label>
      )}
      {step.at === 'done' && (
        <>
          <p role="status" className="import__done" data-testid="import-done">
            {t('import.done', { count: step.report.accepted })}
          </p>
          <Report report={step.report} />
        </>
      )}
      <div className="import__actions">
        {(step.at === 'choose' || step.at === 'failed') && (
          <PrimaryAction testId="import-check" disabled={!file} onClick={() => void check()}>
            {t('import.check')}
          </PrimaryAction>
        )}
        {preview && (
          <PrimaryAction testId="import-store" disabled={!canStore} onClick={() => void store()}>
            {t('import.store', { count: preview.accepted })}
          </PrimaryAction>
        )}
        {(step.at === 'done' || preview) && (
          <button type="button" className="btn" data-testid="import-again" onClick={again}>
            {t('import.again')}
          </button>
        )}
      </div>
    </dialog>
  );
}
