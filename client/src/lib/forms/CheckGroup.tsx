import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { Check } from './Field.js';

/**
 * A set of checkboxes bound to one list field of a react-hook-form form (a Controller rather than
 * `register`, which gives a lone checkbox's value as a string instead of a list of one).
 */
export function CheckGroup<V extends FieldValues, T extends string>(props: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver output
  control: Control<V, any, any>;
  name: FieldPath<V>;
  legend: string;
  options: readonly T[];
  labelOf: (v: T) => string;
  className?: string;
  testIdOf?: (v: T) => string;
}) {
  const { field } = useController({ control: props.control, name: props.name });
  const value = field.value as readonly T[];
  return (
    <fieldset className={props.className ?? 'checks'}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <Check key={o} label={props.labelOf(o)}>
          <input
            type="checkbox"
            data-testid={props.testIdOf?.(o)}
            checked={value.includes(o)}
            onChange={(e) => field.onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
          />
        </Check>
      ))}
    </fieldset>
  );
}
