import type { FormEvent } from 'react';
import type { FieldError, FieldErrors, FieldValues, UseFormHandleSubmit } from 'react-hook-form';

/** One refused field: its dotted path and the schema's message. */
export interface Issue {
  path: string;
  message: string;
}

function isFieldError(v: unknown): v is FieldError {
  return typeof v === 'object' && v !== null && 'type' in v && typeof (v as FieldError).type === 'string';
}

/** The refused fields of a form, in the order the form lists them, as dotted paths. */
export function issuesOf<V extends FieldValues>(errors: FieldErrors<V>, prefix = ''): Issue[] {
  const out: Issue[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (key === 'ref' || value === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isFieldError(value)) out.push({ path, message: value.message ?? value.type });
    else if (typeof value === 'object' && value !== null)
      out.push(...issuesOf(value as FieldErrors<V>, path));
  }
  return out;
}

/** Refused fields in words, as the server's refusals are shown (`errorText`): `path: message · …`. */
export function issuesText<V extends FieldValues>(errors: FieldErrors<V>): string {
  return issuesOf(errors)
    .map((i) => `${i.path}: ${i.message}`)
    .join(' · ');
}

/**
 * A form's submit handler: clear the last refusal, then send the checked values to `onValid`, or
 * show what the schema refused in the same words as a server refusal.
 */
export function submitWith<V extends FieldValues, Out>(
  handleSubmit: UseFormHandleSubmit<V, Out>,
  onValid: (body: Out) => Promise<unknown>,
  setError: (text: string | null) => void,
) {
  return (e: FormEvent) => {
    setError(null);
    void handleSubmit(onValid, (errors) => setError(issuesText(errors)))(e);
  };
}
