import type { ReactNode } from 'react';
import { LanguageSwitcher } from '../LanguageSwitcher.js';
import './printPage.css';

/**
 * The bar above a printable page, left off the paper: the page's own controls, then its Print button
 * (the browser's print dialog unless the page has more to do) and the language switcher.
 */
export function PrintTools(props: {
  className: string;
  print: { testId: string; label: string; onClick?: () => void; disabled?: boolean };
  children: ReactNode;
}) {
  const { print } = props;
  return (
    <div className={`${props.className} print-page__tools no-print`}>
      {props.children}
      <button
        type="button"
        className="btn btn--primary"
        data-testid={print.testId}
        disabled={print.disabled}
        onClick={print.onClick ?? (() => window.print())}
      >
        {print.label}
      </button>
      <LanguageSwitcher />
    </div>
  );
}

/** A printable page's fetch state: its refusal, read out at once, or "loading" until its data come. */
export function LoadStatus(props: { error: ReactNode; loading: boolean; loadingText: string }) {
  if (props.error) {
    return (
      <p role="alert" className="print-page__error">
        {props.error}
      </p>
    );
  }
  return props.loading ? <p role="status">{props.loadingText}</p> : null;
}
