import { INCIDENT_AGE_BANDS, INCIDENT_SETTINGS, INCIDENT_TYPES } from '../../../shared/enums.js';
import type { Caller } from '../../../shared/domain/permissions.js';
import { INCIDENT_NOTE, type Shown } from '../../../shared/domain/suppression.js';
import type { IncidentCell } from '../../../shared/schemas/incidents.js';
import { col, provinceColumns, type Cell, type Column, type ExportContext } from './export.columns.js';

const shown = (v: Shown | undefined): Cell => (v === undefined ? null : v);

/**
 * Incident aggregate columns: released cells after suppression, one row per province and month.
 * Never an organisation, commune, point, shelter or service column.
 */
export function incidentColumns(_a: Caller, x: ExportContext, simulated: boolean): Column<IncidentCell>[] {
  const AGE_TAGS: Record<(typeof INCIDENT_AGE_BANDS)[number], string> = {
    '0-11': 'children+age0_11',
    '12-17': 'children+age12_17',
    '18-59': 'adults+age18_59',
    '60+': 'elderly+age60plus',
  };
  return [
    ...provinceColumns<IncidentCell>(x, (c) => c.provinceCode),
    col('#date+reported', 'Tháng', 'Month', (c) => c.month),
    col('#event+num+total', 'Tổng số vụ được báo cáo', 'Reported incidents', (c) => shown(c.counts.total)),
    ...INCIDENT_TYPES.map((t) =>
      col<IncidentCell>(`#event+num+${t}`, `Loại: ${t}`, `Type: ${t}`, (c) => shown(c.counts.byType?.[t])),
    ),
    col('#event+num+f', 'Nữ', 'Female', (c) => shown(c.counts.bySex?.female)),
    col('#event+num+m', 'Nam', 'Male', (c) => shown(c.counts.bySex?.male)),
    ...INCIDENT_AGE_BANDS.map((b) =>
      col<IncidentCell>(`#event+num+${AGE_TAGS[b]}`, `${b} tuổi`, `Age ${b}`, (c) =>
        shown(c.counts.byAge?.[b]),
      ),
    ),
    ...INCIDENT_SETTINGS.map((st) =>
      col<IncidentCell>(`#event+num+setting_${st}`, `Nơi xảy ra: ${st}`, `Setting: ${st}`, (c) =>
        shown(c.counts.bySetting?.[st]),
      ),
    ),
    col('#event+num+reported_72h', 'Báo cáo trong 72 giờ', 'Reported within 72 h', (c) =>
      shown(c.counts.within72h),
    ),
    col('#meta+note', 'Lưu ý', 'Note', () => INCIDENT_NOTE[x.lang]),
    col('#meta+simulated', 'Dữ liệu mô phỏng', 'Simulated', () => simulated),
  ];
}
