import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { criticalGaps, safetyScore } from '../../../../shared/domain/safety.js';
import {
  type ChecklistKey,
  CHECKLIST_ANSWERS,
  CHECKLIST_ITEMS,
  NEED_LEVELS,
  NEEDS,
  SHELTER_STATUSES,
} from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { newIdempotencyKey } from '../../lib/api.js';
import { useFormat } from '../../lib/format.js';
import type { OutboxEntry } from '../outbox/outbox.js';
import { useOutboxStore, type SubmitResult } from '../outbox/outboxStore.js';
import { Choice } from './Choice.js';
import {
  applyChangesToDraft,
  diffDraft,
  draftFrom,
  hasChanges,
  type ShelterChanges,
  type ShelterDraft,
} from './draft.js';
import { useShelterStore } from './shelterStore.js';
import { SCORE_COLORS, scoreBand } from './statusStyle.js';

type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null;

function parseCount(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n <= LIMITS.personsMax ? n : null;
}

function asShelter(v: unknown): Shelter | null {
  return typeof v === 'object' && v !== null && 'id' in v && 'version' in v ? (v as Shelter) : null;
}

/**
 * The shelter manager's one-minute update: status, people, needs, safety checklist, or "nothing changed".
 * Mount it with `key={shelter.id}`: a form belongs to one shelter.
 */
export function QuickUpdateForm({
  shelter,
  onOfferRequest,
}: {
  shelter: Shelter;
  /** Offered when the user may open a request: a `no` on a critical item drafts one. */
  onOfferRequest?: ((item: ChecklistKey) => void) | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const submit = useOutboxStore((s) => s.submit);
  const dismiss = useOutboxStore((s) => s.dismiss);
  const entries = useOutboxStore((s) => s.entries);
  const upsert = useShelterStore((s) => s.upsert);

  const [base, setBase] = useState<Shelter>(shelter);
  const [draft, setDraft] = useState<ShelterDraft>(() => draftFrom(shelter));
  const [occText, setOccText] = useState(String(shelter.occupancy));
  const [hhText, setHhText] = useState(String(shelter.households));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const occ = parseCount(occText);
  const hh = parseCount(hhText);
  const effective: ShelterDraft = {
    ...draft,
    occupancy: occ ?? base.occupancy,
    households: hh ?? base.households,
  };
  const changes = diffDraft(base, effective);
  const dirty = hasChanges(changes) || occ === null || hh === null;

  const reset = (s: Shelter, d: ShelterDraft = draftFrom(s)) => {
    setBase(s);
    setDraft(d);
    setOccText(String(d.occupancy));
    setHhText(String(d.households));
  };

  // The form follows the live record while the user has not touched it, and adopts it once it holds
  // everything the user entered (a write kept offline has just been sent). Adjusted during render,
  // as React advises for state derived from a changing prop.
  const [seenVersion, setSeenVersion] = useState(shelter.version);
  if (shelter.version !== seenVersion) {
    setSeenVersion(shelter.version);
    const caughtUp = occ !== null && hh !== null && !hasChanges(diffDraft(shelter, effective));
    if (shelter.version > base.version && (!dirty || caughtUp)) {
      reset(shelter);
      if (dirty && notice?.tone === 'warn') setNotice({ tone: 'ok', text: t('form.saved') });
    }
  }

  const conflicts = useMemo(
    () => entries.filter((e) => e.shelterId === shelter.id && e.state === 'conflict'),
    [entries, shelter.id],
  );
  const queued = entries.filter((e) => e.shelterId === shelter.id && e.state === 'pending').length;

  const send = async (body: ShelterChanges, version: number, okText: string) => {
    setBusy(true);
    setNotice(null);
    const key = newIdempotencyKey();
    const r: SubmitResult = await submit({
      key,
      method: 'PATCH',
      path: `/api/shelters/${encodeURIComponent(shelter.id)}`,
      body: { version, ...body },
      shelterId: shelter.id,
      // One logical post per shelter form: saving again while offline updates the queued post.
      slot: `shelter-form:${shelter.id}`,
    });
    setBusy(false);
    switch (r.kind) {
      case 'sent': {
        const s = asShelter(r.data);
        if (s) reset(s);
        setNotice({ tone: 'ok', text: okText });
        break;
      }
      case 'queued':
        setNotice({ tone: 'warn', text: r.replaced ? t('form.queuedUpdated') : t('form.queued') });
        break;
      case 'conflict':
        break;
      case 'refused': {
        dismiss(key);
        const text =
          r.error.code === 'forbidden'
            ? t('form.forbidden')
            : r.error.issues?.length
              ? t('form.invalid', { list: r.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ') })
              : t('form.failed', { message: r.error.message });
        setNotice({ tone: 'error', text });
      }
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (occ === null || hh === null) {
      setNotice({
        tone: 'error',
        text: t('form.invalid', {
          list: [occ === null && t('form.occupancy'), hh === null && t('form.households')]
            .filter(Boolean)
            .join(', '),
        }),
      });
      return;
    }
    if (!hasChanges(changes)) {
      setNotice({ tone: 'warn', text: t('form.nothingChanged') });
      return;
    }
    void send(changes, base.version, t('form.saved'));
  };

  const onReconfirm = () => void send({ reconfirm: true }, base.version, t('form.reconfirmed'));

  const score = effective.checklist ? safetyScore(effective.checklist) : base.safetyScore;
  const gapItems = effective.checklist ? criticalGaps(effective.checklist) : [];
  const gaps = gapItems.length;
  const over = occ !== null && base.capacity > 0 && occ > base.capacity && draft.status !== 'full';

  return (
    <form className="qform" onSubmit={onSubmit} data-testid="quick-update-form" aria-label={t('form.title')}>
      <h3>{t('form.title')}</h3>
      {conflicts[0] && (
        <ConflictBox
          entry={conflicts[0]}
          onReapply={(current, yours) => {
            dismiss(conflicts[0]!.key);
            upsert(current);
            const d = applyChangesToDraft(current, yours);
            reset(current, d);
            void send(diffDraft(current, d), current.version, t('form.saved'));
          }}
          onDiscard={(current) => {
            dismiss(conflicts[0]!.key);
            if (current) {
              upsert(current);
              reset(current);
            }
          }}
        />
      )}

      <Choice
        name="status"
        label={t('form.status')}
        value={draft.status}
        options={SHELTER_STATUSES}
        labelOf={(v) => t(`status.${v}`)}
        toneOf={(v) => `tone-status-${v}`}
        onChange={(status) => setDraft({ ...draft, status })}
        testId="qf-status"
      />

      <div className="qform__numbers">
        <label className="field">
          <span>{t('form.occupancy')}</span>
          <input
            data-testid="qf-occupancy"
            inputMode="numeric"
            pattern="[0-9]*"
            aria-invalid={occ === null}
            value={occText}
            onChange={(e) => setOccText(e.target.value)}
            onFocus={(e) => e.target.select()}
          />
          <small className="muted">{t('form.capacityHint', { capacity: f.number(base.capacity) })}</small>
        </label>
        <label className="field">
          <span>{t('form.households')}</span>
          <input
            data-testid="qf-households"
            inputMode="numeric"
            pattern="[0-9]*"
            aria-invalid={hh === null}
            value={hhText}
            onChange={(e) => setHhText(e.target.value)}
            onFocus={(e) => e.target.select()}
          />
        </label>
      </div>
      {over && <p className="alert alert--warn">{t('form.overCapacity')}</p>}

      <h4>{t('needs.title')}</h4>
      <div className="qform__needs">
        {NEEDS.map((n) => (
          <Choice
            key={n}
            name={`need-${n}`}
            label={t(`needs.${n}`)}
            value={draft.needs[n]}
            options={NEED_LEVELS}
            labelOf={(v) => t(`needLevel.${v}`)}
            toneOf={(v) => `tone-need-${v}`}
            onChange={(v) => setDraft({ ...draft, needs: { ...draft.needs, [n]: v } })}
            testId={`qf-need-${n}`}
          />
        ))}
      </div>

      {draft.checklist && (
        <>
          <h4 className="qform__checklist-title">
            {t('checklist.title')}
            <span
              className="score-pill"
              data-testid="qf-score"
              data-score={score}
              style={{ borderColor: SCORE_COLORS[scoreBand(score)] }}
            >
              {t('checklist.score')}: {t('checklist.scoreValue', { score })}
            </span>
          </h4>
          {gaps > 0 && (
            <div className="alert alert--error" data-testid="qf-gaps">
              <p className="gap-title">{t('checklist.gaps', { count: gaps })}</p>
              {onOfferRequest && (
                <ul className="gap-offers">
                  {gapItems.map((k) => (
                    <li key={k}>
                      <button
                        type="button"
                        className="btn btn--small"
                        data-testid={`offer-request-${k}`}
                        onClick={() => onOfferRequest(k)}
                      >
                        {t('checklist.requestOffer', { item: t(`checklist.${k}`) })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="qform__checklist">
            {CHECKLIST_ITEMS.map((item) => (
              <Choice
                key={item.key}
                name={`cl-${item.key}`}
                label={`${item.critical ? '★ ' : ''}${t(`checklist.${item.key}`)}${item.critical ? ` (${t('checklist.critical')})` : ''}`}
                value={draft.checklist![item.key]}
                options={CHECKLIST_ANSWERS}
                labelOf={(v) => t(`answer.${v}`)}
                toneOf={(v) => `tone-answer-${v}${item.critical ? ' is-critical' : ''}`}
                onChange={(v) => setDraft({ ...draft, checklist: { ...draft.checklist!, [item.key]: v } })}
                testId={`qf-checklist-${item.key}`}
              />
            ))}
          </div>
        </>
      )}

      {/* The result shows inside the sticky bar, beside the button that was tapped, never out of sight. */}
      <div className="qform__actions" data-testid="qf-actions">
        <div className="qform__feedback" aria-live="polite">
          {notice && (
            <p
              className={`alert alert--${notice.tone}`}
              role="status"
              data-testid="qf-notice"
              data-tone={notice.tone}
            >
              {notice.text}
            </p>
          )}
          {queued > 0 && !notice && (
            <p className="alert alert--warn" data-testid="qf-queued">
              {t('outbox.pending', { count: queued })}
            </p>
          )}
        </div>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="qf-save">
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || dirty}
          onClick={onReconfirm}
          data-testid="qf-reconfirm"
        >
          {t('form.reconfirm')}
        </button>
      </div>
    </form>
  );
}

function ConflictBox(props: {
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
