import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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

/** The primary button of a form: it says "saving" and stays disabled while the write is on its way. */
export function SubmitButton(props: { busy: boolean; label: string; testId?: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <button
      type="submit"
      className="btn btn--primary"
      disabled={props.busy || props.disabled === true}
      data-testid={props.testId}
    >
      {props.busy ? t('form.saving') : props.label}
    </button>
  );
}

/** The row of a form's buttons: its own (the submit first), then Cancel. */
export function FormActions(props: { onCancel: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="qform__actions">
      {props.children}
      <button type="button" className="btn" onClick={props.onCancel}>
        {t('create.cancel')}
      </button>
    </div>
  );
}
