import type { ReactNode } from 'react';

/** A labelled field: the label text, the control, and an optional hint below it. */
export function Field(props: { label: ReactNode; hint?: ReactNode; children: ReactNode }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      {props.children}
      {props.hint !== undefined && <small className="muted">{props.hint}</small>}
    </label>
  );
}

/** A checkbox with its label beside it. */
export function Check(props: { label: ReactNode; children: ReactNode }) {
  return (
    <label className="check">
      {props.children}
      {props.label}
    </label>
  );
}
