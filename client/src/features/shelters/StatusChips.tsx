/** A row of toggle chips, one per status, each with its colour swatch: a list filter's status choice. */
export function StatusChips<T extends string>(props: {
  label: string;
  options: readonly T[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  colorOf: (s: T) => string;
  labelOf: (s: T) => string;
  testIdPrefix: string;
}) {
  const toggle = (st: T) =>
    props.onChange(
      props.selected.includes(st) ? props.selected.filter((x) => x !== st) : [...props.selected, st],
    );
  return (
    <div className="filters__statuses" role="group" aria-label={props.label}>
      {props.options.map((st) => (
        <button
          key={st}
          type="button"
          className="chip"
          aria-pressed={props.selected.includes(st)}
          data-testid={`${props.testIdPrefix}${st}`}
          onClick={() => toggle(st)}
        >
          <span className="swatch" style={{ background: props.colorOf(st) }} aria-hidden="true" />
          {props.labelOf(st)}
        </button>
      ))}
    </div>
  );
}
