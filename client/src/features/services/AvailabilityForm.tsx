import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { NEED_LEVELS, SERVICE_REASONS, SERVICE_STATUSES, STOCK_ITEMS } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { AvailabilityPost, ServicePoint } from '../../../../shared/schemas/services.js';
import { errorText } from '../../lib/errorText.js';
import { ChoiceField } from '../../lib/forms/ChoiceGroup.js';
import { Check, Field } from '../../lib/forms/Field.js';
import { LocalTimeField } from '../../lib/forms/LocalTimeField.js';
import { SubmitButton } from '../../lib/forms/FormActions.js';
import { FormNotice, type Notice } from '../../lib/forms/FormError.js';
import { QuickForm } from '../../lib/forms/QuickForm.js';
import { issuesText } from '../../lib/forms/issues.js';
import { serviceApi } from './api.js';
import {
  availabilityParts,
  availabilitySchema,
  availabilityValues,
  type AvailabilityValues,
} from './availabilityForm.js';
import { useServiceStore } from './serviceStore.js';
import '../../app/screens.css';

/**
 * A provider (or a GBV coordinator) posts availability: status, reasons, expected restore, stock of
 * the time-critical supplies, free safe-house beds, whether the hotline works. Each post is a
 * timestamped row; the history keeps them all.
 */
export function AvailabilityForm({ service: s }: { service: ServicePoint }) {
  const { t } = useTranslation();
  const upsert = useServiceStore((st) => st.upsert);
  const schema = useMemo(() => availabilitySchema(s), [s]);
  const form = useForm<AvailabilityValues, unknown, AvailabilityPost>({
    resolver: zodResolver(schema),
    defaultValues: availabilityValues(s),
  });
  const { control, register, handleSubmit, setValue } = form;
  const [status, stock] = useWatch({ control, name: ['status', 'stock'] });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const { stocked, safeHouse, hotline: isHotline } = availabilityParts(s);

  const onValid = async (body: AvailabilityPost) => {
    setBusy(true);
    setNotice(null);
    const r = await serviceApi.postAvailability(s.id, body);
    setBusy(false);
    if (r.ok) {
      upsert(r.data);
      setValue('note', '');
      setNotice({ tone: 'ok', text: t('availability.saved') });
    } else if (r.status === 409 && r.error.code === 'conflict') {
      const current = r.error.current as ServicePoint | undefined;
      if (current) upsert(current);
      setNotice({ tone: 'error', text: t('availability.conflict') });
    } else setNotice({ tone: 'error', text: errorText(t, r.error) });
  };
  const onInvalid = (errors: FieldErrors<AvailabilityValues>) => {
    const item = STOCK_ITEMS.find((k) => errors.stock?.[k]);
    setNotice({
      tone: 'error',
      text: item ? t('availability.badQuantity', { item: t(`stock.${item}`) }) : issuesText(errors),
    });
  };

  return (
    <QuickForm form={form} testId="availability-form" onSubmit={handleSubmit(onValid, onInvalid)}>
      <h3>{t('availability.title')}</h3>
      <ChoiceField
        name="status"
        label={t('services.availability')}
        options={SERVICE_STATUSES}
        labels="serviceStatus"
        testId="av-status"
      />
      {status !== 'open' && (
        <fieldset className="checks">
          <legend>{t('availability.reasons')}</legend>
          {SERVICE_REASONS.map((r) => (
            <Check key={r} label={t(`serviceReason.${r}`)}>
              <input type="checkbox" value={r} {...register('reasons')} />
            </Check>
          ))}
        </fieldset>
      )}
      {status !== 'open' && (
        <Field label={t('services.expectedRestore')}>
          <LocalTimeField name="restore" kind="datetime" testId="av-restore" />
        </Field>
      )}
      {stocked && (
        <fieldset className="stock-edit">
          <legend>{t('services.stock')}</legend>
          {STOCK_ITEMS.map((k) => (
            <div key={k} className="stock-edit__row">
              <Check label={t(`stock.${k}`)}>
                <input type="checkbox" {...register(`stock.${k}.on`)} />
              </Check>
              {stock[k].on && (
                <>
                  <input
                    aria-label={t('availability.quantity')}
                    inputMode="numeric"
                    className="stock-edit__qty"
                    data-testid={`av-stock-${k}`}
                    {...register(`stock.${k}.quantity`)}
                  />
                  <select
                    aria-label={t('availability.level')}
                    data-testid={`av-level-${k}`}
                    {...register(`stock.${k}.level`)}
                  >
                    {NEED_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`needLevel.${l}`)}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {safeHouse && (
        <Field label={t('services.beds')}>
          <input inputMode="numeric" {...register('beds')} />
        </Field>
      )}
      {isHotline && (
        <Check label={t('services.hotlineUp')}>
          <input type="checkbox" {...register('hotline')} />
        </Check>
      )}
      <Field label={t('services.note')}>
        <input maxLength={LIMITS.shortTextMax} {...register('note')} />
      </Field>
      <FormNotice notice={notice} testId="av-notice" />
      <div className="qform__actions">
        <SubmitButton busy={busy} label={t('availability.save')} testId="av-save" />
      </div>
    </QuickForm>
  );
}
