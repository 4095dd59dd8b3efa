import { useTranslation } from 'react-i18next';
import { SelectField } from '../../lib/forms/SelectField.js';
import { useAreaStore } from './areaStore.js';

/** The scope of a new account: national (blank) or one province, by its Vietnamese name. */
export function ScopeField(props: { name: string }) {
  const { t } = useTranslation();
  const provinces = useAreaStore((s) => s.provinces);
  return (
    <SelectField
      name={props.name}
      label={t('admin.scope')}
      blank={t('admin.national')}
      options={provinces}
      idOf={(p) => p.code}
      labelOf={(p) => p.nameVi}
    />
  );
}
