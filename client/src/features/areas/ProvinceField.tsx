import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { ProvinceSelect } from './ProvinceSelect.js';

/** A required ProvinceSelect bound to one field of a react-hook-form form. */
export function ProvinceField<V extends FieldValues>(props: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver output
  control: Control<V, any, any>;
  name: FieldPath<V>;
  label: string;
  allowed: readonly string[] | null;
  testId: string;
}) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field }) => (
        <ProvinceSelect
          label={props.label}
          value={field.value}
          onChange={field.onChange}
          allowed={props.allowed}
          required
          testId={props.testId}
        />
      )}
    />
  );
}
