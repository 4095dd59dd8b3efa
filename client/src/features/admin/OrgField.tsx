import { useTranslation } from 'react-i18next';
import { SelectField } from '../../lib/forms/SelectField.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';

/** The organisation of a new account or token: a required select that starts on a blank that cannot be chosen. */
export function OrgField(props: { name: string }) {
  const { t } = useTranslation();
  const orgs = useOrganisationStore((s) => s.byId);
  return (
    <SelectField
      name={props.name}
      label={t('admin.org')}
      blank="disabled"
      options={Object.values(orgs)}
      idOf={(o) => o.id}
      labelOf={(o) => o.name}
      required
    />
  );
}
