import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ORG_KINDS, SECTORS } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { Organisation } from '../../../../shared/schemas/auth.js';
import { errorText } from '../../lib/errorText.js';
import { CheckGroup } from '../../lib/forms/CheckGroup.js';
import { Field } from '../../lib/forms/Field.js';
import { FormError } from '../../lib/forms/FormError.js';
import { submitWith } from '../../lib/forms/issues.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { OrgFormSchema, type OrgValues } from './adminForms.js';
import { adminApi } from './api.js';
import { CreateForm, ListTable, type Column } from './ListTable.js';
import { SelectField } from '../../lib/forms/SelectField.js';

type OrgCreate = z.output<typeof OrgFormSchema>;

/** Organisations: the list and a new one. */
export function OrgsSection() {
  const { t } = useTranslation();
  const orgs = useOrganisationStore((s) => s.byId);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<OrgValues, unknown, OrgCreate>({
    resolver: zodResolver(OrgFormSchema),
    defaultValues: { name: '', acronym: '', kind: 'ngo', sectors: [] },
  });
  const { register, handleSubmit, resetField } = form;
  const create = async (body: OrgCreate) => {
    const r = await adminApi.createOrganisation(body);
    if (!r.ok) return setError(errorText(t, r.error));
    // The organisation:created event brings it to every store, this one included.
    useOrganisationStore.setState({ byId: { ...useOrganisationStore.getState().byId, [r.data.id]: r.data } });
    resetField('name');
    resetField('acronym');
  };
  const columns: Column<Organisation>[] = [
    { head: t('admin.orgName'), cell: (o) => o.name },
    { head: t('admin.acronym'), cell: (o) => o.acronym ?? '' },
    { head: t('admin.kind'), cell: (o) => t(`orgKind.${o.kind}`) },
    { head: t('admin.sectors'), cell: (o) => o.sectors.map((s) => t(`sector.${s}`)).join(', ') },
  ];
  return (
    <section className="card admin__section">
      <h2>{t('admin.orgs')}</h2>
      <ListTable
        testId="admin-org-list"
        columns={columns}
        rows={Object.values(orgs).sort((a, b) => a.name.localeCompare(b.name))}
        rowKey={(o) => o.id}
        rowAttrs={() => ({ 'data-testid': 'admin-org' })}
      />
      <CreateForm
        form={form}
        testId="admin-org-form"
        title={t('admin.newOrg')}
        onSubmit={submitWith(handleSubmit, create, setError)}
      >
        <Field label={t('admin.orgName')}>
          <input required maxLength={LIMITS.nameMax} {...register('name')} />
        </Field>
        <Field label={t('admin.acronym')}>
          <input maxLength={24} {...register('acronym')} />
        </Field>
        <SelectField name="kind" label={t('admin.kind')} options={ORG_KINDS} labels="orgKind" />
        <CheckGroup name="sectors" legend={t('admin.sectors')} options={SECTORS} labels="sector" />
      </CreateForm>
      <FormError>{error}</FormError>
    </section>
  );
}
