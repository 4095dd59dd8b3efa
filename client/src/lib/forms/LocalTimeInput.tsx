import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../../i18n/index.js';
import { localTimeText, type LocalTimeKind } from './localTime.js';

/**
 * A date and time (or a month) typed as the interface language writes it (`01/12/2026 16:22` in
 * Vietnamese), in place of the native picker that Chromium draws in the browser's locale. The form
 * still gets the native input's value (`YYYY-MM-DDTHH:mm` or `YYYY-MM`, local time), so the schemas
 * and what is sent do not change. Text that is not a date keeps the form from being sent (the
 * browser's own check, with the shape to type) and gives the form ''.
 */
export function LocalTimeInput(props: {
  kind: LocalTimeKind;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  required?: boolean;
  testId?: string;
  name?: string;
}) {
  const { t, i18n } = useTranslation();
  const text = useMemo(
    () => localTimeText(localeFor(i18n.language), props.kind),
    [i18n.language, props.kind],
  );
  // What was typed, kept while the value is the one it gave (or the one it was typed over, for a
  // caller that ignores '' ); any other value from outside is shown in the language's format.
  const [typed, setTyped] = useState<{ text: string; gave: string; over: string } | null>(null);
  const own = typed !== null && (props.value === typed.gave || props.value === typed.over);
  const shown = own ? typed.text : text.format(props.value);
  const invalid = shown.trim() !== '' && text.parse(shown) === null;
  const ref = useRef<HTMLInputElement>(null);
  const message = t('errors.dateFormat', { format: text.pattern });
  useEffect(() => {
    ref.current?.setCustomValidity(invalid ? message : '');
  }, [invalid, message]);

  return (
    <input
      ref={ref}
      type="text"
      className={`date-field date-field--${props.kind}`}
      name={props.name}
      lang={i18n.language}
      autoComplete="off"
      spellCheck={false}
      placeholder={text.pattern}
      title={text.pattern}
      required={props.required}
      aria-invalid={invalid || undefined}
      data-testid={props.testId}
      data-value={props.value}
      value={shown}
      onChange={(e) => {
        const gave = text.parse(e.target.value) ?? '';
        setTyped({ text: e.target.value, gave, over: own ? typed.over : props.value });
        props.onChange(gave);
      }}
      onBlur={() => {
        // A good date is rewritten in the full form (`1/12/2026 9:05` becomes `01/12/2026 09:05`).
        if (!invalid) setTyped(null);
        props.onBlur?.();
      }}
    />
  );
}
