import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { IncidentReportCreate } from '../../../../shared/schemas/incidents.js';
import { useNavStore } from '../../app/navStore.js';
import { errorText } from '../../lib/errorText.js';
import { Field } from '../../lib/forms/Field.js';
import { LocalTimeField } from '../../lib/forms/LocalTimeField.js';
import { FormActions } from '../../lib/forms/FormActions.js';
import { FormNotice, type Notice } from '../../lib/forms/FormError.js';
import { QuickForm } from '../../lib/forms/QuickForm.js';
import { issuesText } from '../../lib/forms/issues.js';
import { ProvinceField } from '../areas/ProvinceField.js';
import { useAuthStore } from '../auth/authStore.js';
import { incidentApi } from './api.js';
import { IncidentNote } from './IncidentNote.js';
import { emptyCounts, GROUPS, IncidentFormSchema, num, sumOf, type IncidentValues } from './incidentForm.js';
import { useIncidentStore } from './incidentStore.js';
import '../../app/screens.css';

/**
 * A GBV coordinator enters counts for one province and month, never individual cases: each
 * breakdown must sum to the total. Publication is suppressed by the server.
 */
export function IncidentForm() {
  const { t } = useTranslation();
  const me = useAuthStore((s) => s.me);
  const note = useIncidentStore((s) => s.data?.note);
  const close = useNavStore((s) => s.close);
  const form = useForm<IncidentValues, unknown, IncidentReportCreate>({
    resolver: zodResolver(IncidentFormSchema),
    defaultValues: {
      period: new Date().toISOString().slice(0, 7),
      provinceCode: null,
      total: '',
      within72h: '',
      counts: emptyCounts(),
    },
  });
  const { control, register, handleSubmit, getValues, reset } = form;
  const [total, counts] = useWatch({ control, name: ['total', 'counts'] });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  if (!me) return null;
  const tot = num(total);

  const onValid = async (body: IncidentReportCreate) => {
    setBusy(true);
    setNotice(null);
    const r = await incidentApi.report(body);
    setBusy(false);
    if (!r.ok) return setNotice({ tone: 'error', text: errorText(t, r.error) });
    setNotice({ tone: 'ok', text: t('incidents.recorded') });
    // The next report is likely for the same month and province: only the counts are cleared.
    reset({ ...getValues(), total: '', within72h: '', counts: emptyCounts() });
  };
  const onInvalid = (errors: FieldErrors<IncidentValues>) => {
    const sumsOff = GROUPS.some(([g]) => errors.counts?.[g]);
    const text = errors.provinceCode
      ? t('incidents.needProvince')
      : sumsOff
        ? t('incidents.sumsOff')
        : issuesText(errors);
    setNotice({ tone: 'error', text });
  };

  return (
    <QuickForm form={form} testId="incident-form" onSubmit={handleSubmit(onValid, onInvalid)}>
      <h2>{t('incidents.enter')}</h2>
      {note && <IncidentNote note={note} />}
      <p className="muted small">{t('incidents.countsOnly')}</p>
      <div className="qform__numbers">
        <Field label={t('incidents.month')}>
          <LocalTimeField name="period" kind="month" required testId="if-period" />
        </Field>
        <ProvinceField name="provinceCode" testId="if-province" />
      </div>
      <div className="qform__numbers">
        <Field label={t('incidents.total')}>
          <input inputMode="numeric" data-testid="if-total" {...register('total')} />
        </Field>
        <Field label={t('incidents.within72h')}>
          <input inputMode="numeric" data-testid="if-72h" {...register('within72h')} />
        </Field>
      </div>
      {GROUPS.map(([g, keys, label]) => {
        const sum = sumOf(counts, g);
        return (
          <fieldset key={g} className="counts" aria-invalid={sum !== tot}>
            <legend>
              {t(`incidents.${g}`)}{' '}
              <span className={sum === tot ? 'muted' : 'warn-text'}>
                {t('incidents.sum', { sum, total: tot })}
              </span>
            </legend>
            <div className="counts__grid">
              {keys.map((k) => (
                <Field key={k} label={t(`${label}.${k}`)}>
                  <input inputMode="numeric" data-testid={`if-${g}-${k}`} {...register(`counts.${g}.${k}`)} />
                </Field>
              ))}
            </div>
          </fieldset>
        );
      })}
      <FormNotice notice={notice} testId="if-notice" />
      <FormActions onCancel={close}>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="if-save">
          {t('incidents.save')}
        </button>
      </FormActions>
    </QuickForm>
  );
}
