/**
 * The options of a select: an optional first blank (labelled, or empty and not choosable), then one
 * per value. Values that are records give their option's value by `idOf` (a list of strings
 * needs none).
 */
export function Options<T>(props: {
  values: readonly T[];
  labelOf: (v: T) => string;
  idOf?: (v: T) => string;
  /** The label of a first, empty option; `'disabled'` for an empty one that cannot be chosen. */
  blank?: string;
}) {
  const idOf = props.idOf ?? ((v: T) => String(v));
  return (
    <>
      {props.blank === 'disabled' ? (
        <option value="" disabled />
      ) : (
        props.blank !== undefined && <option value="">{props.blank}</option>
      )}
      {props.values.map((v) => (
        <option key={idOf(v)} value={idOf(v)}>
          {props.labelOf(v)}
        </option>
      ))}
    </>
  );
}
