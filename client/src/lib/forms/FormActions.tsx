import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
