import type { Caller } from '../../../shared/domain/permissions.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import type { AreaIndex } from '../areas/areas.data.js';
import { col, isoVn, provinceColumns, type Column, type ExportContext } from './export.columns.js';

/** One alert and one affected province (null for a polygon-only alert). */
export interface AlertRow {
  alert: RiskAlert;
  provinceCode: string | null;
  communeCodes: string[];
}

/** Rows of one alert: one per affected province (named or through a commune), else one without. */
export function alertRows(a: RiskAlert, areas: AreaIndex): AlertRow[] {
  const parent = (c: string) => areas.commune(c)?.parentCode ?? null;
  const provinces = [
    ...new Set([...a.provinceCodes, ...a.communeCodes.map(parent).filter((p): p is string => p !== null)]),
  ];
  if (!provinces.length) return [{ alert: a, provinceCode: null, communeCodes: a.communeCodes }];
  return provinces.map((p) => ({
    alert: a,
    provinceCode: p,
    communeCodes: a.communeCodes.filter((c) => parent(c) === p),
  }));
}

/** Risk alert columns. */
export function alertColumns(_a: Caller, x: ExportContext): Column<AlertRow>[] {
  return [
    col('#meta+id', 'Mã cảnh báo', 'Alert ID', (r) => r.alert.id),
    col('#meta+bulletin', 'Số bản tin', 'Bulletin', (r) => r.alert.bulletinNumber),
    col('#event+type', 'Loại thiên tai', 'Hazard', (r) => r.alert.hazard),
    col('#event+name', 'Tên bão', 'Storm name', (r) => r.alert.storm?.name ?? null),
    col('#description', 'Tiêu đề', 'Title', (r) => r.alert.title),
    col('#severity+code', 'Cấp độ rủi ro', 'Risk level', (r) => r.alert.level),
    col('#status+code', 'Trạng thái', 'Status', (r) => r.alert.status),
    col('#date+start', 'Hiệu lực từ', 'Valid from', (r) => isoVn(r.alert.validFrom)),
    col('#date+end', 'Hiệu lực đến', 'Valid to', (r) => isoVn(r.alert.validTo)),
    col('#date+landfall', 'Đổ bộ lúc', 'Landfall', (r) => isoVn(r.alert.storm?.landfallAt)),
    col('#geo+lat', 'Vĩ độ tâm bão', 'Storm latitude', (r) => r.alert.storm?.position?.lat ?? null),
    col('#geo+lon', 'Kinh độ tâm bão', 'Storm longitude', (r) => r.alert.storm?.position?.lon ?? null),
    col('#geo+bounds', 'Vùng cảnh báo (GeoJSON)', 'Area (GeoJSON)', (r) =>
      r.alert.polygon ? JSON.stringify(r.alert.polygon) : null,
    ),
    col('#org+issuer+name', 'Cơ quan ban hành', 'Issuer', (r) => r.alert.issuer),
    ...provinceColumns<AlertRow>(x, (r) => r.provinceCode),
    col('#adm2+code', 'Mã xã', 'Commune codes', (r) => r.communeCodes),
    col('#meta+simulated', 'Dữ liệu mô phỏng', 'Simulated', (r) => r.alert.simulated),
  ];
}
