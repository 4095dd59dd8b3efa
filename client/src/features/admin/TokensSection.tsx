import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { LIMITS } from '../../../../shared/limits.js';
import { TOKEN_PURPOSES, TOKEN_ROLES, type ApiToken } from '../../../../shared/schemas/tokens.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { Field } from '../../lib/forms/Field.js';
import { FormError } from '../../lib/forms/FormError.js';
import { submitWith } from '../../lib/forms/issues.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { TokenFormSchema, type TokenValues } from './adminForms.js';
import { adminApi } from './api.js';
import { CreateForm, ListTable, type Column } from './ListTable.js';
import { OrgField } from './OrgField.js';
import { useRemoteList } from './useRemoteList.js';
import { SelectField } from '../../lib/forms/SelectField.js';

/** The admin's API tokens: list with last use, create (the secret shown once), revoke. */
export function TokensSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const orgs = useOrganisationStore((s) => s.byId);
  const list = useRemoteList(adminApi.tokens);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<TokenValues, unknown, z.output<typeof TokenFormSchema>>({
    resolver: zodResolver(TokenFormSchema),
    defaultValues: { name: '', orgId: '', role: 'viewer', purpose: '' },
  });
  const { control, register, handleSubmit, resetField } = form;
  const purpose = useWatch({ control, name: 'purpose' });

  const create = async (body: z.output<typeof TokenFormSchema>) => {
    const r = await adminApi.createToken(body);
    if (!r.ok) return list.setError(errorText(t, r.error));
    setSecret(r.data.secret);
    resetField('name');
    list.reload();
  };
  const revoke = async (tok: ApiToken) => {
    const r = await adminApi.revokeToken(tok.id);
    if (r.ok) list.replace(r.data);
    else list.setError(errorText(t, r.error));
  };
  const columns: Column<ApiToken>[] = [
    {
      head: t('admin.tokenName'),
      cell: (tok) => (
        <>
          {tok.name} <code>{tok.prefix}…</code>
        </>
      ),
    },
    { head: t('admin.org'), cell: (tok) => orgs[tok.orgId]?.acronym ?? orgs[tok.orgId]?.name ?? '' },
    {
      head: t('admin.tokenPurpose'),
      cell: (tok) => (tok.purpose ? t(`admin.purposes.${tok.purpose}`) : t(`roles.${tok.role}`)),
    },
    {
      head: t('admin.lastUsed'),
      cell: (tok) => (tok.lastUsedAt ? f.dateTime(tok.lastUsedAt) : t('admin.never')),
    },
    {
      head: null,
      cell: (tok) =>
        tok.revokedAt ? (
          t('admin.revoked')
        ) : (
          <button
            type="button"
            className="btn btn--small"
            data-testid="admin-token-revoke"
            onClick={() => void revoke(tok)}
          >
            {t('admin.revoke')}
          </button>
        ),
    },
  ];

  return (
    <section className="card admin__section" data-testid="admin-token-section">
      <h2>{t('admin.tokens')}</h2>
      <p className="muted small">{t('admin.tokensNote')}</p>
      <ListTable
        testId="admin-token-list"
        columns={columns}
        rows={list.rows}
        failed={list.failed}
        onReload={list.reload}
        rowKey={(tok) => tok.id}
        rowAttrs={(tok) => ({ 'data-testid': 'admin-token', 'data-name': tok.name, stale: !!tok.revokedAt })}
      />
      {secret && (
        <p className="alert" role="status" data-testid="admin-token-secret">
          {t('admin.secretOnce')} <code>{secret}</code>
        </p>
      )}
      <CreateForm
        form={form}
        testId="admin-token-form"
        title={t('admin.newToken')}
        onSubmit={submitWith(handleSubmit, create, list.setError)}
      >
        <Field label={t('admin.tokenName')}>
          <input required maxLength={LIMITS.nameMax} {...register('name')} />
        </Field>
        <OrgField name="orgId" />
        <SelectField
          name="purpose"
          label={t('admin.tokenPurpose')}
          blank={t('admin.purposeNone')}
          options={TOKEN_PURPOSES}
          labels="admin.purposes"
        />
        {!purpose && <SelectField name="role" label={t('admin.role')} options={TOKEN_ROLES} labels="roles" />}
      </CreateForm>
      <FormError>{list.error}</FormError>
    </section>
  );
}
