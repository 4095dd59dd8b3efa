import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SHELTER_KINDS } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { Me } from '../../../../shared/schemas/auth.js';
import type { ShelterCreate } from '../../../../shared/schemas/shelters.js';
import { useNavStore } from '../../app/navStore.js';
import { ChoiceField } from '../../lib/forms/ChoiceGroup.js';
import { Field } from '../../lib/forms/Field.js';
import { FormActions, SubmitButton } from '../../lib/forms/FormActions.js';
import { FormNotice } from '../../lib/forms/FormError.js';
import { QuickForm } from '../../lib/forms/QuickForm.js';
import { SelectField } from '../../lib/forms/SelectField.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useOutboxPost } from '../outbox/useOutboxPost.js';
import { shelterPaths } from './api.js';
import {
  coordOk,
  CreateShelterSchema,
  FIELD_LABELS,
  START_STATUSES,
  type CreateShelterValues,
} from './createShelter.js';

/** An operations officer lists a new shelter. Position starts at the province's label point. */
export function CreateShelterForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const provinces = useAreaStore((s) => s.provinces);
  const open = useNavStore((s) => s.open);
  const close = useNavStore((s) => s.close);
  const allowed = provinces.filter((p) => me.scope === null || me.scope.includes(p.code));
  const form = useForm<CreateShelterValues, unknown, ShelterCreate>({
    resolver: zodResolver(CreateShelterSchema),
    defaultValues: {
      name: '',
      kind: 'school',
      provinceCode: '',
      lat: '',
      lon: '',
      capacity: '',
      status: 'standby',
    },
  });
  const { control, register, handleSubmit, getValues, setValue } = form;
  const [lat, lon] = useWatch({ control, name: ['lat', 'lon'] });
  const { busy, notice, setNotice, post } = useOutboxPost();

  const onProvince = () => {
    const a = provinces.find((p) => p.code === getValues('provinceCode'));
    if (a?.lat != null && a.lon != null && getValues('lat') === '' && getValues('lon') === '') {
      setValue('lat', String(a.lat));
      setValue('lon', String(a.lon));
    }
  };

  const onValid = async (body: ShelterCreate) => {
    const r = await post({
      method: 'POST',
      path: shelterPaths.create,
      body: { ...body },
      shelterId: null,
    });
    if (r.kind === 'sent') {
      const id = (r.data as { id?: unknown } | null)?.id;
      if (typeof id === 'string') open({ kind: 'shelter', id });
      else close();
    } else if (r.kind === 'queued') {
      setNotice({ tone: 'warn', text: t('form.queued') });
    } else if (r.kind === 'refused') {
      const list = r.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      setNotice({
        tone: 'error',
        text: list ? t('form.invalid', { list }) : t('form.failed', { message: r.error.message }),
      });
    }
  };
  const onInvalid = (errors: FieldErrors<CreateShelterValues>) => {
    const list = Object.entries(FIELD_LABELS)
      .filter(([field]) => errors[field as keyof CreateShelterValues])
      .map(([, label]) => t(label));
    setNotice({ tone: 'error', text: t('form.invalid', { list: list.join(', ') }) });
  };

  return (
    <QuickForm
      form={form}
      testId="create-shelter-form"
      onSubmit={handleSubmit(onValid, onInvalid)}
      noValidate
    >
      <h2>{t('create.title')}</h2>
      <Field label={t('create.name')}>
        <input data-testid="cs-name" maxLength={LIMITS.nameMax} required {...register('name')} />
      </Field>
      <SelectField
        name="kind"
        label={t('create.kind')}
        options={SHELTER_KINDS}
        labels="kind"
        testId="cs-kind"
      />
      <SelectField
        name="provinceCode"
        label={t('create.province')}
        blank="—"
        options={allowed}
        idOf={(a) => a.code}
        labelOf={(a) => areaName(a, i18n.language, a.code)}
        required
        testId="cs-province"
        onChange={onProvince}
      />
      <div className="qform__numbers">
        {(['lat', 'lon'] as const).map((c) => (
          <Field key={c} label={t(`create.${c}`)}>
            <input
              data-testid={`cs-${c}`}
              inputMode="decimal"
              aria-invalid={!coordOk(c, c === 'lat' ? lat : lon)}
              {...register(c)}
            />
          </Field>
        ))}
      </div>
      <p className="muted small">{t('create.coordsHint')}</p>
      <Field label={t('create.capacity')}>
        <input data-testid="cs-capacity" inputMode="numeric" pattern="[0-9]*" {...register('capacity')} />
      </Field>
      <ChoiceField
        name="status"
        label={t('form.status')}
        options={START_STATUSES}
        labels="status"
        testId="cs-status"
      />
      <FormNotice notice={notice} testId="cs-notice" />
      <FormActions onCancel={close}>
        <SubmitButton busy={busy} label={t('create.submit')} testId="cs-submit" />
      </FormActions>
    </QuickForm>
  );
}
