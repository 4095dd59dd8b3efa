import { useController, type FieldValues, type FieldPath } from 'react-hook-form';
import { useLabelOf, type Labels } from './labels.js';

interface Common<T extends string> {
  label: string;
  options: readonly T[];
  toneOf?: (v: T) => string;
  testId?: string;
}
type ChoiceProps<T extends string> = Common<T> & {
  name: string;
  value: T;
  onChange: (v: T) => void;
} & Labels<T>;

/** A row of large radio buttons: quick to hit on a phone, no hover needed. */
export function ChoiceGroup<T extends string>(props: ChoiceProps<T>) {
  const labelOf = useLabelOf(props);
  return (
    <fieldset className="choice" data-testid={props.testId}>
      <legend className="choice__legend">{props.label}</legend>
      <div className="choice__options">
        {props.options.map((o) => (
          <label
            key={o}
            className={`choice__option ${props.toneOf?.(o) ?? ''}`}
            data-checked={props.value === o}
            data-testid={props.testId ? `${props.testId}-${o}` : undefined}
          >
            <input
              type="radio"
              name={props.name}
              value={o}
              checked={props.value === o}
              onChange={() => props.onChange(o)}
            />
            <span>{labelOf(o)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A ChoiceGroup bound to one field of the enclosing react-hook-form form (its FormProvider). */
export function ChoiceField<T extends string, V extends FieldValues = FieldValues>(
  props: Common<T> & Labels<T> & { name: FieldPath<V> },
) {
  const { field } = useController<V>({ name: props.name });
  return <ChoiceGroup {...props} value={field.value} onChange={field.onChange} />;
}
