import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

interface ChoiceProps<T extends string> {
  name: string;
  label: string;
  value: T;
  options: readonly T[];
  labelOf: (v: T) => string;
  onChange: (v: T) => void;
  toneOf?: (v: T) => string;
  testId?: string;
}

/** A row of large radio buttons: quick to hit on a phone, no hover needed. */
export function ChoiceGroup<T extends string>(props: ChoiceProps<T>) {
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
            <span>{props.labelOf(o)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A ChoiceGroup bound to one field of a react-hook-form form. */
export function ChoiceField<V extends FieldValues, T extends string>(
  props: Omit<ChoiceProps<T>, 'value' | 'onChange' | 'name'> & {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any resolver output
    control: Control<V, any, any>;
    name: FieldPath<V>;
  },
) {
  const { control, name, ...rest } = props;
  const { field } = useController({ control, name });
  return <ChoiceGroup {...rest} name={name} value={field.value} onChange={field.onChange} />;
}
