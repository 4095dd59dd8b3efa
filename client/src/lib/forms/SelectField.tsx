import type { ChangeEvent } from 'react';
import { useFormContext, type FieldPath, type FieldValues } from 'react-hook-form';
import { Field } from './Field.js';
import { useLabelOf, type Labels } from './labels.js';
import { Options } from './Options.js';

/**
 * A labelled select bound to one field of the enclosing react-hook-form form, one option per value
 * (see Options for `idOf` and `blank`); `onChange` runs after the form has taken the new value.
 */
export function SelectField<T, V extends FieldValues = FieldValues>(
  props: {
    name: FieldPath<V>;
    label: string;
    options: readonly T[];
    idOf?: (v: T) => string;
    blank?: string;
    required?: boolean;
    testId?: string;
    onChange?: (e: ChangeEvent<HTMLSelectElement>) => void;
  } & Labels<T>,
) {
  const { register } = useFormContext<V>();
  const labelOf = useLabelOf(props);
  return (
    <Field label={props.label}>
      <select
        data-testid={props.testId}
        required={props.required}
        {...register(props.name, { onChange: props.onChange })}
      >
        <Options values={props.options} labelOf={labelOf} idOf={props.idOf} blank={props.blank} />
      </select>
    </Field>
  );
}
