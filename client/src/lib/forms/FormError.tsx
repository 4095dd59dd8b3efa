import type { ReactNode } from 'react';

// Without i18next, as the sign-in form shows its refusals: the buttons with strings are in FormActions.tsx.

/** Tones of a form's result line. */
export type Tone = 'ok' | 'warn' | 'error';
/** What a form says after a submission. */
export type Notice = { tone: Tone; text: string } | null;

/** A refusal shown next to the form's buttons, read out at once. */
export function FormError(props: { testId?: string; children: ReactNode }) {
  if (props.children === null || props.children === undefined || props.children === false) return null;
  return (
    <p className="alert alert--error" role="alert" data-testid={props.testId}>
      {props.children}
    </p>
  );
}

/** The result of a submission in its tone, announced politely. */
export function FormNotice(props: { notice: Notice; testId?: string }) {
  if (!props.notice) return null;
  return (
    <p
      className={`alert alert--${props.notice.tone}`}
      role="status"
      data-testid={props.testId}
      data-tone={props.notice.tone}
    >
      {props.notice.text}
    </p>
  );
}
