import { useController, type FieldPath, type FieldValues } from 'react-hook-form';
import type { LocalTimeKind } from './localTime.js';
import { LocalTimeInput } from './LocalTimeInput.js';

/**
 * A date-and-time (or month) box of the enclosing react-hook-form form, in the interface language's
 * format (see LocalTimeInput).
 */
export function LocalTimeField<V extends FieldValues = FieldValues>(props: {
  name: FieldPath<V>;
  kind: LocalTimeKind;
  required?: boolean;
  testId?: string;
}) {
  const { field } = useController<V>({ name: props.name });
  return (
    <LocalTimeInput
      kind={props.kind}
      name={field.name}
      value={typeof field.value === 'string' ? field.value : ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      required={props.required}
      testId={props.testId}
    />
  );
}
