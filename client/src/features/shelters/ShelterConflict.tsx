import { useTranslation } from 'react-i18next';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useFormat } from '../../lib/format.js';
import type { OutboxEntry } from '../outbox/outbox.js';
import { asShelter } from './api.js';
import type { ShelterChanges } from './draft.js';

/** A write kept offline met a newer record: show both and let the user reapply or discard theirs. */
export function ConflictBox(props: {
  entry: OutboxEntry;
  onReapply: (current: Shelter, yours: ShelterChanges) => void;
  onDiscard: (current: Shelter | null) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const current = asShelter(props.entry.current);
  const { version: _version, ...yours } = props.entry.body as ShelterChanges & { version?: number };
  return (
    <div className="conflict" role="alert" data-testid="qf-conflict">
      <h4>{t('form.conflictTitle')}</h4>
      <p>{t('form.conflictBody')}</p>
      {current && (
        <dl className="kv">
          <dt>{t('form.status')}</dt>
          <dd>{t(`status.${current.status}`)}</dd>
          <dt>{t('form.occupancy')}</dt>
          <dd>{f.number(current.occupancy)}</dd>
          <dt>{t('form.households')}</dt>
          <dd>{f.number(current.households)}</dd>
          <dt>{t('panel.lastReported')}</dt>
          <dd>{f.dateTime(current.lastReportedAt)}</dd>
        </dl>
      )}
      <p>
        <strong>{t('form.conflictYours')}:</strong> <ChangeSummary changes={yours} />
      </p>
      <div className="qform__actions">
        {current && (
          <button
            type="button"
            className="btn btn--primary"
            data-testid="qf-reapply"
            onClick={() => props.onReapply(current, yours)}
          >
            {t('form.reapply')}
          </button>
        )}
        <button
          type="button"
          className="btn"
          data-testid="qf-discard"
          onClick={() => props.onDiscard(current)}
        >
          {t('form.discard')}
        </button>
      </div>
    </div>
  );
}

function ChangeSummary({ changes }: { changes: ShelterChanges }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parts: string[] = [];
  if (changes.reconfirm) parts.push(t('form.reconfirm'));
  if (changes.status) parts.push(`${t('form.status')}: ${t(`status.${changes.status}`)}`);
  if (changes.occupancy !== undefined) parts.push(`${t('form.occupancy')}: ${f.number(changes.occupancy)}`);
  if (changes.households !== undefined)
    parts.push(`${t('form.households')}: ${f.number(changes.households)}`);
  for (const [n, v] of Object.entries(changes.needs ?? {}))
    if (v) parts.push(`${t(`needs.${n}`)}: ${t(`needLevel.${v}`)}`);
  for (const [k, v] of Object.entries(changes.checklist ?? {}))
    if (v) parts.push(`${t(`checklist.${k}`)}: ${t(`answer.${v}`)}`);
  return <span>{parts.join('; ')}</span>;
}
