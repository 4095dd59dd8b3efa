/** A row of large radio buttons: quick to hit on a phone, no hover needed. */
export function Choice<T extends string>(props: {
  name: string;
  label: string;
  value: T;
  options: readonly T[];
  labelOf: (v: T) => string;
  onChange: (v: T) => void;
  toneOf?: (v: T) => string;
  testId?: string;
}) {
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
