import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { criticalGaps, safetyScore } from '../../../../shared/domain/safety.js';
import { type ChecklistKey, NEED_LEVELS, NEEDS, SHELTER_STATUSES } from '../../../../shared/enums.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useFormat } from '../../lib/format.js';
import { ChoiceField } from '../../lib/forms/ChoiceGroup.js';
import { Field } from '../../lib/forms/Field.js';
import { SubmitButton } from '../../lib/forms/FormActions.js';
import { FormNotice } from '../../lib/forms/FormError.js';
import { QuickForm } from '../../lib/forms/QuickForm.js';
import { useOutboxStore } from '../outbox/outboxStore.js';
import { ChecklistFields } from './ChecklistFields.js';
import { applyChangesToDraft, diffDraft, draftFrom, hasChanges, type ShelterDraft } from './draft.js';
import { parseCount, QuickUpdateSchema, toValues, type QuickUpdateValues } from './quickUpdate.js';
import { ConflictBox } from './ShelterConflict.js';
import { useShelterStore } from './shelterStore.js';
import { useShelterSend } from './useShelterSend.js';

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
  const dismiss = useOutboxStore((s) => s.dismiss);
  const entries = useOutboxStore((s) => s.entries);
  const upsert = useShelterStore((s) => s.upsert);

  const [base, setBase] = useState<Shelter>(shelter);
  // The values the form was last reset to; the form adopts each new one (see the effect below).
  const [seed, setSeed] = useState<{ draft: ShelterDraft }>(() => ({ draft: draftFrom(shelter) }));
  const form = useForm<QuickUpdateValues, unknown, ShelterDraft>({
    defaultValues: toValues(seed.draft),
    resolver: zodResolver(QuickUpdateSchema),
  });
  const { control, register, handleSubmit, reset: resetForm } = form;
  useEffect(() => {
    resetForm(toValues(seed.draft));
  }, [seed, resetForm]);
  const reset = (s: Shelter, d: ShelterDraft = draftFrom(s)) => {
    setBase(s);
    setSeed({ draft: d });
  };
  const { busy, notice, setNotice, send } = useShelterSend(shelter.id, (s) => reset(s));

  const values = useWatch({ control });
  const occ = parseCount(values.occupancy ?? '');
  const hh = parseCount(values.households ?? '');
  const draft: ShelterDraft = {
    status: values.status ?? base.status,
    needs: { ...base.needs, ...values.needs },
    checklist: values.checklist && base.checklist ? { ...base.checklist, ...values.checklist } : null,
    occupancy: occ ?? base.occupancy,
    households: hh ?? base.households,
  };
  const changes = diffDraft(base, draft);
  const dirty = hasChanges(changes) || occ === null || hh === null;

  // The form follows the live record while the user has not touched it, and adopts it once it holds
  // everything the user entered (a write kept offline has just been sent). Adjusted during render,
  // as React advises for state derived from a changing prop.
  const [seenVersion, setSeenVersion] = useState(shelter.version);
  if (shelter.version !== seenVersion) {
    setSeenVersion(shelter.version);
    const caughtUp = occ !== null && hh !== null && !hasChanges(diffDraft(shelter, draft));
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

  const onValid = (d: ShelterDraft) => {
    const c = diffDraft(base, d);
    if (!hasChanges(c)) return setNotice({ tone: 'warn', text: t('form.nothingChanged') });
    void send(c, base.version, t('form.saved'));
  };
  const onInvalid = (errors: FieldErrors<QuickUpdateValues>) =>
    setNotice({
      tone: 'error',
      text: t('form.invalid', {
        list: [errors.occupancy && t('form.occupancy'), errors.households && t('form.households')]
          .filter(Boolean)
          .join(', '),
      }),
    });

  const onReconfirm = () => void send({ reconfirm: true }, base.version, t('form.reconfirmed'));

  const score = draft.checklist ? safetyScore(draft.checklist) : base.safetyScore;
  const gapItems = draft.checklist ? criticalGaps(draft.checklist) : [];
  const over = occ !== null && base.capacity > 0 && occ > base.capacity && draft.status !== 'full';
  // A count field takes digits only and selects its value on focus, so typing replaces the old count.
  const countInput = (name: 'occupancy' | 'households') => ({
    inputMode: 'numeric' as const,
    pattern: '[0-9]*',
    ...register(name),
    onFocus: (e: React.FocusEvent<HTMLInputElement>) => e.target.select(),
  });

  return (
    <QuickForm
      form={form}
      testId="quick-update-form"
      onSubmit={handleSubmit(onValid, onInvalid)}
      label={t('form.title')}
    >
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

      <ChoiceField
        name="status"
        label={t('form.status')}
        options={SHELTER_STATUSES}
        labels="status"
        toneOf={(v) => `tone-status-${v}`}
        testId="qf-status"
      />

      <div className="qform__numbers">
        <Field
          label={t('form.occupancy')}
          hint={t('form.capacityHint', { capacity: f.number(base.capacity) })}
        >
          <input data-testid="qf-occupancy" aria-invalid={occ === null} {...countInput('occupancy')} />
        </Field>
        <Field label={t('form.households')}>
          <input data-testid="qf-households" aria-invalid={hh === null} {...countInput('households')} />
        </Field>
      </div>
      {over && <p className="alert alert--warn">{t('form.overCapacity')}</p>}

      <h4>{t('needs.title')}</h4>
      <div className="qform__needs">
        {NEEDS.map((n) => (
          <ChoiceField
            key={n}
            name={`needs.${n}`}
            label={t(`needs.${n}`)}
            options={NEED_LEVELS}
            labels="needLevel"
            toneOf={(v) => `tone-need-${v}`}
            testId={`qf-need-${n}`}
          />
        ))}
      </div>

      {draft.checklist && (
        <ChecklistFields score={score} gapItems={gapItems} onOfferRequest={onOfferRequest} />
      )}

      {/* The result shows inside the sticky bar, beside the button that was tapped, never out of sight. */}
      <div className="qform__actions" data-testid="qf-actions">
        <div className="qform__feedback" aria-live="polite">
          <FormNotice notice={notice} testId="qf-notice" />
          {queued > 0 && !notice && (
            <p className="alert alert--warn" data-testid="qf-queued">
              {t('outbox.pending', { count: queued })}
            </p>
          )}
        </div>
        <SubmitButton busy={busy} label={t('form.save')} testId="qf-save" />
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
    </QuickForm>
  );
}
