import { useTranslation } from 'react-i18next';
import { areaName, useAreaStore } from './areaStore.js';

/** A province picker in the interface language; `allowed` narrows it to a user's scope. */
export function ProvinceSelect(props: {
  value: string | null;
  onChange: (code: string | null) => void;
  label: string;
  allLabel?: string;
  allowed?: readonly string[] | null;
  testId?: string;
  required?: boolean;
}) {
  const { i18n } = useTranslation();
  const provinces = useAreaStore((s) => s.provinces);
  const list = provinces
    .filter((p) => !props.allowed || props.allowed.includes(p.code))
    .sort((a, b) =>
      areaName(a, i18n.language, a.code).localeCompare(areaName(b, i18n.language, b.code), i18n.language),
    );
  return (
    <label className="field field--inline">
      <span>{props.label}</span>
      <select
        data-testid={props.testId}
        value={props.value ?? ''}
        required={props.required}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        {props.allLabel !== undefined && <option value="">{props.allLabel}</option>}
        {props.allLabel === undefined && <option value="" disabled />}
        {list.map((a) => (
          <option key={a.code} value={a.code}>
            {areaName(a, i18n.language, a.code)}
          </option>
        ))}
      </select>
    </label>
  );
}
