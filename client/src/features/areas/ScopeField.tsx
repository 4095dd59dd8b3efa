import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../lib/forms/Field.js';
import { Options } from '../../lib/forms/Options.js';
import { useAreaStore } from './areaStore.js';

/** The scope of a new account: national (blank) or one province, by its Vietnamese name. */
export function ScopeField(props: { registration: UseFormRegisterReturn }) {
  const { t } = useTranslation();
  const provinces = useAreaStore((s) => s.provinces);
  return (
    <Field label={t('admin.scope')}>
      <select {...props.registration}>
        <Options
          blank={t('admin.national')}
          values={provinces}
          idOf={(p) => p.code}
          labelOf={(p) => p.nameVi}
        />
      </select>
    </Field>
  );
}
