/** The options of a select: an optional first blank (labelled, or empty and not choosable), then one per value. */
export function Options<T extends string>(props: {
  values: readonly T[];
  labelOf: (v: T) => string;
  /** The label of a first, empty option; `'disabled'` for an empty one that cannot be chosen. */
  blank?: string;
}) {
  return (
    <>
      {props.blank === 'disabled' ? (
        <option value="" disabled />
      ) : (
        props.blank !== undefined && <option value="">{props.blank}</option>
      )}
      {props.values.map((v) => (
        <option key={v} value={v}>
          {props.labelOf(v)}
        </option>
      ))}
    </>
  );
}
