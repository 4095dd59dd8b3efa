import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import type { LocalTimeKind } from './localTime.js';
import { LocalTimeInput } from './LocalTimeInput.js';

/** A form's date-and-time (or month) box, in the interface language's format (see LocalTimeInput). */
export function LocalTimeField<T extends FieldValues>(props: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form, whatever its resolver gives
  control: Control<T, any, any>;
  name: FieldPath<T>;
  kind: LocalTimeKind;
  required?: boolean;
  testId?: string;
}) {
  const { field } = useController({ control: props.control, name: props.name });
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
