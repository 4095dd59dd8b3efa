import type { ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { useSignInText } from '../i18n/signInText.js';

/**
 * Keeps a failure where it happened: a panel, tab, form part or the map that throws while rendering
 * shows a small "this part failed, reload it" box, and everything around it (other forms and what is
 * typed in them included) keeps working. `resetKeys` retry the part on their own when they change,
 * e.g. when another record is opened in the same panel.
 */
export function PartBoundary({
  name,
  children,
  resetKeys,
  onError,
  message,
}: {
  /** Which part, for the log and for tests (`data-part`). */
  name: string;
  children: ReactNode;
  resetKeys?: unknown[];
  onError?: (error: unknown) => void;
  /** What to say instead of the generic text (e.g. the map's "cannot start on this device"). */
  message?: string;
}) {
  return (
    <ErrorBoundary
      resetKeys={resetKeys}
      onError={(error) => {
        console.error(`part failed: ${name}`, error);
        onError?.(error);
      }}
      fallbackRender={({ resetErrorBoundary }) => (
        <PartFailed name={name} message={message} onReload={resetErrorBoundary} />
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

function PartFailed({
  name,
  message,
  onReload,
}: {
  name: string;
  message: string | undefined;
  onReload: () => void;
}) {
  // Its strings are the sign-in screen's: the last-resort boundary around the app has no i18next yet.
  const t = useSignInText();
  return (
    <div className="part-failed" role="alert" data-testid="part-failed" data-part={name}>
      <p>{message ?? t('app.partFailed')}</p>
      <button type="button" className="btn" onClick={onReload} data-testid="part-reload">
        {t('app.partReload')}
      </button>
    </div>
  );
}
