import { useTranslation } from 'react-i18next';
import { useFilterStore } from '../../app/filterStore.js';
import { InlineSelect } from '../../app/ui/InlineSelect.js';
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
  const choices = [
    props.allLabel !== undefined
      ? { value: '', label: props.allLabel }
      : { value: '', label: '', disabled: true },
    ...list.map((a) => ({ value: a.code, label: areaName(a, i18n.language, a.code) })),
  ];
  return (
    <InlineSelect
      label={props.label}
      value={props.value ?? ''}
      onChange={(v) => props.onChange(v || null)}
      choices={choices}
      testId={props.testId}
      required={props.required}
    />
  );
}

/** The one province filter the lists, the figures and the map layers share. */
export function ProvinceFilter({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  const province = useFilterStore((s) => s.provinceCode);
  const setProvince = useFilterStore((s) => s.setProvince);
  return (
    <ProvinceSelect
      label={t('filters.province')}
      allLabel={t('filters.allProvinces')}
      value={province}
      onChange={setProvince}
      testId={testId}
    />
  );
}
