import { useController, type FieldPath, type FieldValues } from 'react-hook-form';
import { Check } from './Field.js';
import { useLabelOf, type Labels } from './labels.js';

/**
 * A set of checkboxes bound to one list field of the enclosing react-hook-form form (a controller
 * rather than `register`, which gives a lone checkbox's value as a string instead of a list of one).
 */
export function CheckGroup<T extends string, V extends FieldValues = FieldValues>(
  props: {
    name: FieldPath<V>;
    legend: string;
    options: readonly T[];
    className?: string;
    testIdOf?: (v: T) => string;
  } & Labels<T>,
) {
  const { field } = useController<V>({ name: props.name });
  const labelOf = useLabelOf(props);
  const value = field.value as readonly T[];
  return (
    <fieldset className={props.className ?? 'checks'}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <Check key={o} label={labelOf(o)}>
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
