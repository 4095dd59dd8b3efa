import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { HAZARDS } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { AlertCreate } from '../../../../shared/schemas/alerts.js';
import { useNavStore } from '../../app/navStore.js';
import { errorText } from '../../lib/errorText.js';
import { CheckGroup } from '../../lib/forms/CheckGroup.js';
import { ChoiceField } from '../../lib/forms/ChoiceGroup.js';
import { Check, Field } from '../../lib/forms/Field.js';
import { LocalTimeField } from '../../lib/forms/LocalTimeField.js';
import { FormActions } from '../../lib/forms/FormActions.js';
import { FormError } from '../../lib/forms/FormError.js';
import { QuickForm } from '../../lib/forms/QuickForm.js';
import { submitWith } from '../../lib/forms/issues.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { alertDefaults, alertFormSchema, LEVELS, type AlertValues } from './alertForm.js';
import { useAlertStore } from './alertStore.js';
import { alertApi } from './api.js';
import { SelectField } from '../../lib/forms/SelectField.js';

/** An operations officer issues a risk alert over provinces: hazard, level, validity, bulletin. Kept short on purpose. */
export function AlertForm() {
  const { t, i18n } = useTranslation();
  const me = useAuthStore((s) => s.me);
  const provinces = useAreaStore((s) => s.provinces);
  const upsert = useAlertStore((s) => s.upsert);
  const open = useNavStore((s) => s.open);
  const close = useNavStore((s) => s.close);
  const [defaults] = useState(() => alertDefaults(Date.now()));
  const form = useForm<AlertValues, unknown, AlertCreate>({
    resolver: zodResolver(alertFormSchema(me?.orgName ?? '')),
    defaultValues: defaults,
  });
  const { control, register, handleSubmit, getValues, setValue } = form;
  const [hazard, codes] = useWatch({ control, name: ['hazard', 'provinceCodes'] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const allowed = provinces
    .filter((p) => me.scope === null || me.scope.includes(p.code))
    .sort((a, b) =>
      areaName(a, i18n.language, a.code).localeCompare(areaName(b, i18n.language, b.code), i18n.language),
    );

  const onValid = async (body: AlertCreate) => {
    setBusy(true);
    const r = await alertApi.create(body);
    setBusy(false);
    if (!r.ok) return setError(errorText(t, r.error));
    upsert(r.data);
    open({ kind: 'alert', id: r.data.id });
  };

  return (
    <QuickForm form={form} testId="alert-form" onSubmit={submitWith(handleSubmit, onValid, setError)}>
      <h2>{t('alerts.new')}</h2>
      <SelectField
        name="hazard"
        label={t('alerts.hazard')}
        options={HAZARDS}
        labels="hazard"
        testId="af-hazard"
        onChange={() => {
          // Storm alerts use levels 3 to 5 only.
          if (getValues('hazard') === 'storm' && Number(getValues('level')) < 3) setValue('level', '3');
        }}
      />
      <ChoiceField
        name="level"
        label={t('alerts.levelLabel')}
        options={hazard === 'storm' ? LEVELS.slice(2) : LEVELS}
        labelOf={(v) => v}
        toneOf={(v) => `tone-level-${v}`}
        testId="af-level"
      />
      <Field label={t('alerts.titleLabel')}>
        <input data-testid="af-title" required maxLength={LIMITS.nameMax} {...register('title')} />
      </Field>
      <CheckGroup
        name="provinceCodes"
        legend={t('alerts.provinces')}
        className="checks checks--cols"
        options={allowed.map((p) => p.code)}
        labelOf={(code) =>
          areaName(
            provinces.find((p) => p.code === code),
            i18n.language,
            code,
          )
        }
        testIdOf={(code) => `af-province-${code}`}
      />
      <div className="qform__numbers">
        <Field label={t('alerts.validFrom')}>
          <LocalTimeField name="validFrom" kind="datetime" required testId="af-valid-from" />
        </Field>
        <Field label={t('alerts.validTo')}>
          <LocalTimeField name="validTo" kind="datetime" required testId="af-valid-to" />
        </Field>
      </div>
      <Check label={t('alerts.asForecast')}>
        <input type="checkbox" {...register('forecast')} />
      </Check>
      <Field label={t('alerts.bulletin')}>
        <input maxLength={40} {...register('bulletinNumber')} />
      </Field>
      <FormError testId="af-error">{error}</FormError>
      <FormActions onCancel={close}>
        <button
          type="submit"
          className="btn btn--primary"
          disabled={busy || codes.length === 0}
          data-testid="af-save"
        >
          {t('alerts.issue')}
        </button>
      </FormActions>
    </QuickForm>
  );
}
