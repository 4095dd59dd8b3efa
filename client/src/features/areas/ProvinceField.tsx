import { useController, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../auth/authStore.js';
import { ProvinceSelect } from './ProvinceSelect.js';

/**
 * The province of a record the signed-in user writes: a required ProvinceSelect, narrowed to their
 * scope, bound to one field of the enclosing react-hook-form form.
 */
export function ProvinceField<V extends FieldValues = FieldValues>(props: {
  name: FieldPath<V>;
  testId: string;
}) {
  const { t } = useTranslation();
  const scope = useAuthStore((s) => s.me?.scope ?? null);
  const { field } = useController<V>({ name: props.name });
  return (
    <ProvinceSelect
      label={t('panel.province')}
      value={field.value}
      onChange={field.onChange}
      allowed={scope}
      required
      testId={props.testId}
    />
  );
}
