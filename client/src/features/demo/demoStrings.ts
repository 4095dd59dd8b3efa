import i18next from 'i18next';

// The demo clock's strings, a namespace of their own (`demo`), added when the component loads.
const STRINGS = {
  vi: { clock: 'Kịch bản {{scenario}}: {{at}}', label: 'Giờ trong kịch bản mô phỏng' },
  en: { clock: 'Scenario {{scenario}}: {{at}}', label: 'Time in the simulated scenario' },
} as const;

/** Register the `demo` namespace in both languages (once). */
export function addDemoStrings(): void {
  for (const [lng, s] of Object.entries(STRINGS))
    if (!i18next.hasResourceBundle(lng, 'demo')) i18next.addResourceBundle(lng, 'demo', s);
}
