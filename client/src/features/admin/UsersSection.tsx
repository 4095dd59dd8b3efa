import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ROLES } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { User } from '../../../../shared/schemas/auth.js';
import { errorText } from '../../lib/errorText.js';
import { Field } from '../../lib/forms/Field.js';
import { FormError } from '../../lib/forms/FormError.js';
import { submitWith } from '../../lib/forms/issues.js';
import { ScopeField } from '../areas/ScopeField.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { UserFormSchema, type UserValues } from './adminForms.js';
import { adminApi } from './api.js';
import { CreateForm, ListTable, type Column } from './ListTable.js';
import { OrgField } from './OrgField.js';
import { useRemoteList } from './useRemoteList.js';
import { UserPhone } from './UserPhone.js';
import { SelectField } from '../../lib/forms/SelectField.js';

type UserCreate = z.output<typeof UserFormSchema>;

/** Users: the list, disable or enable, and a new account. */
export function UsersSection() {
  const { t } = useTranslation();
  const orgs = useOrganisationStore((s) => s.byId);
  const list = useRemoteList(adminApi.users);
  const form = useForm<UserValues, unknown, UserCreate>({
    resolver: zodResolver(UserFormSchema),
    defaultValues: { username: '', displayName: '', password: '', role: 'viewer', orgId: '', scope: '' },
  });
  const { register, handleSubmit, reset, getValues } = form;

  const create = async (body: UserCreate) => {
    const r = await adminApi.createUser(body);
    if (!r.ok) return list.setError(errorText(t, r.error));
    // The next account is likely for the same organisation, role and scope.
    reset({ ...getValues(), username: '', displayName: '', password: '' });
    list.reload();
  };
  const setDisabled = async (u: User, disabled: boolean) => {
    const r = await adminApi.patchUser(u.id, { disabled });
    if (r.ok) list.replace(r.data);
    else list.setError(errorText(t, r.error));
  };
  const columns: Column<User>[] = [
    { head: t('auth.username'), cell: (u) => u.username },
    { head: t('admin.displayName'), cell: (u) => u.displayName },
    { head: t('admin.role'), cell: (u) => t(`roles.${u.role}`) },
    { head: t('admin.org'), cell: (u) => orgs[u.orgId]?.acronym ?? orgs[u.orgId]?.name ?? '' },
    { head: t('admin.scope'), cell: (u) => (u.scope ? u.scope.join(', ') : t('admin.national')) },
    { head: t('admin.phone'), cell: (u) => <UserPhone user={u} onSaved={list.replace} /> },
    {
      head: null,
      cell: (u) => (
        <button
          type="button"
          className="btn btn--small"
          data-testid="admin-user-toggle"
          onClick={() => void setDisabled(u, !u.disabled)}
        >
          {u.disabled ? t('admin.enable') : t('admin.disable')}
        </button>
      ),
    },
  ];

  return (
    <section className="card admin__section">
      <h2>{t('admin.users')}</h2>
      <ListTable
        testId="admin-user-list"
        columns={columns}
        rows={list.rows}
        failed={list.failed}
        onReload={list.reload}
        rowKey={(u) => u.id}
        rowAttrs={(u) => ({ 'data-testid': 'admin-user', 'data-username': u.username, stale: u.disabled })}
      />
      <CreateForm
        form={form}
        testId="admin-user-form"
        title={t('admin.newUser')}
        onSubmit={submitWith(handleSubmit, create, list.setError)}
      >
        <Field label={t('auth.username')}>
          <input required maxLength={LIMITS.usernameMax} {...register('username')} />
        </Field>
        <Field label={t('admin.displayName')}>
          <input required maxLength={LIMITS.nameMax} {...register('displayName')} />
        </Field>
        <Field label={t('auth.password')}>
          <input
            type="password"
            required
            minLength={LIMITS.passwordMin}
            maxLength={LIMITS.passwordMax}
            autoComplete="new-password"
            {...register('password')}
          />
        </Field>
        <SelectField name="role" label={t('admin.role')} options={ROLES} labels="roles" />
        <OrgField name="orgId" />
        <ScopeField name="scope" />
      </CreateForm>
      <FormError>{list.error}</FormError>
    </section>
  );
}
