import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../lib/forms/Field.js';
import { Options } from '../../lib/forms/Options.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';

/** The organisation of a new account or token: a required select that starts on a blank that cannot be chosen. */
export function OrgField(props: { registration: UseFormRegisterReturn }) {
  const { t } = useTranslation();
  const orgs = useOrganisationStore((s) => s.byId);
  return (
    <Field label={t('admin.org')}>
      <select required {...props.registration}>
        <Options blank="disabled" values={Object.values(orgs)} idOf={(o) => o.id} labelOf={(o) => o.name} />
      </select>
    </Field>
  );
}
