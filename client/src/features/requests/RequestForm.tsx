import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { opensRequest } from '../../../../shared/domain/permissions.js';
import { REQUEST_KINDS, REQUEST_PRIORITIES, SECTORS, type ChecklistKey } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { CoordinationRequest, RequestCreate } from '../../../../shared/schemas/requests.js';
import { useNavStore } from '../../app/navStore.js';
import { errorText } from '../../lib/errorText.js';
import { ChoiceField } from '../../lib/forms/ChoiceGroup.js';
import { Field } from '../../lib/forms/Field.js';
import { SubmitButton } from '../../lib/forms/FormActions.js';
import { FormError } from '../../lib/forms/FormError.js';
import { QuickForm } from '../../lib/forms/QuickForm.js';
import { issuesText } from '../../lib/forms/issues.js';
import { ProvinceField } from '../areas/ProvinceField.js';
import { useAuthStore } from '../auth/authStore.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { requestApi } from './api.js';
import { GAP_PRIORITY, GAP_REQUEST_KIND } from './prefill.js';
import { RequestFormSchema, type RequestValues } from './requestForm.js';
import { useRequestStore } from './requestStore.js';
import { SelectField } from '../../lib/forms/SelectField.js';

/**
 * Open a coordination request. From a shelter's checklist gap it comes pre-filled: kind, title,
 * the shelter, urgent, addressed to the GBV sector. Free text is screened by the shared schema here
 * and by the server: a phone or ID-card number is refused with its reason, shown here.
 */
export function RequestForm(props: {
  shelterId?: string | null;
  checklistItem?: ChecklistKey | null;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const me = useAuthStore((s) => s.me);
  const shelters = useShelterStore((s) => s.byId);
  const orgs = useOrganisationStore((s) => s.byId);
  const upsert = useRequestStore((s) => s.upsert);
  const open = useNavStore((s) => s.open);
  const close = useNavStore((s) => s.close);
  const item = props.checklistItem ?? null;
  const form = useForm<RequestValues, unknown, RequestCreate>({
    resolver: zodResolver(RequestFormSchema),
    defaultValues: (() => {
      const shelter = props.shelterId ? shelters[props.shelterId] : undefined;
      return {
        kind: item ? GAP_REQUEST_KIND[item] : 'dignity_kits',
        title:
          item && shelter
            ? t('requests.gapTitle', { item: t(`checklist.${item}`), shelter: shelter.name })
            : '',
        shelterId: props.shelterId ?? '',
        provinceCode: null,
        toSector: 'gbv',
        toOrgId: '',
        priority: item ? GAP_PRIORITY : 'routine',
        quantity: '',
        message: '',
      };
    })(),
  });
  const { control, register, handleSubmit } = form;
  const [shelterId, toOrgId, toSector] = useWatch({ control, name: ['shelterId', 'toOrgId', 'toSector'] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CoordinationRequest | null>(null);
  const orgList = useMemo(() => Object.values(orgs).sort((a, b) => a.name.localeCompare(b.name)), [orgs]);
  const ownShelters = useMemo(
    () =>
      Object.values(shelters)
        .filter((s) => !!me && opensRequest(me, { shelter: s }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [shelters, me],
  );
  if (!me) return null;

  const onValid = async (body: RequestCreate) => {
    setError(null);
    setBusy(true);
    const r = await requestApi.create(body);
    setBusy(false);
    if (!r.ok) return setError(errorText(t, r.error));
    upsert(r.data);
    if (props.onDone) setDone(r.data);
    else open({ kind: 'request', id: r.data.id });
  };
  const onInvalid = (errors: FieldErrors<RequestValues>) =>
    setError(errors.quantity ? t('requests.badQuantity') : issuesText(errors));

  if (done)
    return (
      <div className="alert alert--ok" role="status" data-testid="rf-sent">
        <p>{t('requests.sent', { title: done.title })}</p>
        <button type="button" className="btn" onClick={props.onDone}>
          {t('panel.close')}
        </button>
      </div>
    );

  return (
    <QuickForm
      form={form}
      testId="request-form"
      onSubmit={(e) => {
        setError(null);
        return handleSubmit(onValid, onInvalid)(e);
      }}
    >
      <h3>{item ? t('requests.fromGap') : t('requests.new')}</h3>
      <SelectField
        name="kind"
        label={t('requests.kind')}
        options={REQUEST_KINDS}
        labels="requestKind"
        testId="rf-kind"
      />
      <Field label={t('requests.titleLabel')}>
        <input data-testid="rf-title" required maxLength={LIMITS.nameMax} {...register('title')} />
      </Field>
      {!props.shelterId && (
        <SelectField
          name="shelterId"
          label={t('requests.shelter')}
          blank={t('requests.noShelter')}
          options={ownShelters}
          idOf={(s) => s.id}
          labelOf={(s) => s.name}
          testId="rf-shelter"
        />
      )}
      {!shelterId && <ProvinceField name="provinceCode" testId="rf-province" />}
      <div className="qform__numbers">
        <SelectField
          name="toSector"
          label={t('requests.toSector')}
          blank="—"
          options={SECTORS}
          labels="sector"
          testId="rf-sector"
        />
        <SelectField
          name="toOrgId"
          label={t('requests.toOrg')}
          blank="—"
          options={orgList}
          idOf={(o) => o.id}
          labelOf={(o) => (o.acronym ? `${o.acronym} – ${o.name}` : o.name)}
          testId="rf-org"
        />
      </div>
      <ChoiceField
        name="priority"
        label={t('requests.priority')}
        options={REQUEST_PRIORITIES}
        labels="priority"
        testId="rf-priority"
      />
      <Field label={t('requests.quantity')}>
        <input inputMode="numeric" data-testid="rf-quantity" {...register('quantity')} />
      </Field>
      <Field label={t('requests.firstMessage')} hint={t('requests.noPersonal')}>
        <textarea data-testid="rf-message" rows={3} maxLength={LIMITS.messageMax} {...register('message')} />
      </Field>
      <FormError testId="rf-error">{error}</FormError>
      <div className="qform__actions">
        <SubmitButton
          busy={busy}
          label={t('requests.send')}
          testId="rf-save"
          disabled={!toOrgId && !toSector}
        />
        <button type="button" className="btn" onClick={props.onDone ?? close}>
          {t('create.cancel')}
        </button>
      </div>
    </QuickForm>
  );
}
