import type { ReactNode } from 'react';

/** A value and the words shown for it; a disabled option is the blank "choose one" line. */
export interface Choice {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

/** A labelled picker on one line, as the list filters use; '' stands for "none chosen". */
export function InlineSelect(p: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  testId?: string;
  required?: boolean;
}) {
  return (
    <label className="field field--inline">
      <span>{p.label}</span>
      <select
        data-testid={p.testId}
        value={p.value}
        required={p.required}
        onChange={(e) => p.onChange(e.target.value)}
      >
        {p.choices.map((c) => (
          <option key={c.value} value={c.value} disabled={c.disabled}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
