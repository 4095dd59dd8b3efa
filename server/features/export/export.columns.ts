import {
  CHECKLIST_ITEMS,
  INCIDENT_AGE_BANDS,
  INCIDENT_SETTINGS,
  INCIDENT_TYPES,
  STOCK_ITEMS,
} from '../../../shared/enums.js';
import { readsChecklist, readsSomeServicePrivate, type Caller } from '../../../shared/domain/permissions.js';
import { isStale } from '../../../shared/domain/staleness.js';
import { INCIDENT_NOTE, type Shown } from '../../../shared/domain/suppression.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import type { CoordinationRequest } from '../../../shared/schemas/requests.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import type { IncidentCell } from '../../../shared/schemas/incidents.js';
import type { AreaIndex } from '../areas/areas.data.js';
import type { Organisation } from '../../../shared/schemas/auth.js';

/**
 * The columns of each CSV export: header in Vietnamese and English, the HXL hashtag of the
 * standards tables (shared/standards/README.md) and how to read the cell from a record that has
 * already been through the API's presenter. Columns a role may not read are left out of the file,
 * not just emptied.
 */

/** The export languages. */
export const EXPORT_LANGS = ['vi', 'en'] as const;
/** An export language. */
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** A cell before it is written: null is an empty cell, arrays are `;`-separated. */
export type Cell = string | number | boolean | null | undefined | readonly string[];

/** One column. */
export interface Column<T> {
  vi: string;
  en: string;
  tag: string;
  get: (r: T) => Cell;
}

/** What the cell readers need besides the record. */
export interface ExportContext {
  lang: ExportLang;
  areas: AreaIndex;
  orgs: ReadonlyMap<string, Organisation>;
  now: Date;
  staleHours: { shelter: number; service: number };
}

const col = <T>(tag: string, vi: string, en: string, get: (r: T) => Cell): Column<T> => ({
  vi,
  en,
  tag,
  get,
});

const VN_OFFSET_MS = 7 * 3600_000;

/** An instant as ISO 8601 with Viet Nam's offset (`2024-09-07T10:30:00+07:00`); Viet Nam keeps no summer time. */
export function isoVn(t: string | null | undefined): string | null {
  if (!t) return null;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const provinceName = (x: ExportContext, code: string | null | undefined) => {
  const p = code ? x.areas.province(code) : undefined;
  return p ? (x.lang === 'vi' ? p.nameVi : p.nameEn) : null;
};
const communeName = (x: ExportContext, code: string | null | undefined) => {
  const c = code ? x.areas.commune(code) : undefined;
  return c ? (x.lang === 'vi' ? c.nameVi : c.nameEn) : null;
};
const orgName = (x: ExportContext, id: string | null | undefined) =>
  id ? (x.orgs.get(id)?.name ?? null) : null;

const BANDS = [
  ['0-4', 'children+age0_4', '0-4', '0-4'],
  ['5-17', 'children+age5_17', '5-17', '5-17'],
  ['18-59', 'adults+age18_59', '18-59', '18-59'],
  ['60+', 'elderly+age60plus', '60+', '60+'],
] as const;

/** Shelter columns for this reader: the checklist only for those who read it. */
export function shelterColumns(a: Caller, x: ExportContext): Column<Shelter>[] {
  const demo = (sex: 'female' | 'male', sexTag: 'f' | 'm', sexVi: string, sexEn: string) =>
    BANDS.map(([band, tag, vi, en]) =>
      col<Shelter>(
        `#affected+displaced+${sexTag}+${tag}`,
        `${sexVi} ${vi} tuổi`,
        `${sexEn} ${en}`,
        (s) => s.demographics?.[sex][band] ?? null,
      ),
    );
  const checklist = readsChecklist(a)
    ? CHECKLIST_ITEMS.map((it) =>
        col<Shelter>(
          `#indicator+safety+${it.critical ? 'critical+' : ''}${snake(it.key)}`,
          `Danh mục an toàn: ${snake(it.key)}`,
          `Safety checklist: ${snake(it.key)}`,
          (s) => s.checklist?.[it.key] ?? null,
        ),
      )
    : [];
  return [
    col('#loc+code', 'Mã điểm sơ tán', 'Shelter ID', (s) => s.id),
    col('#loc+name', 'Tên điểm sơ tán', 'Shelter name', (s) => s.name),
    // Not in the README table (issue 10 adds it); not `+code`, so an import matching `#loc+code` never takes it.
    col('#loc+sms_code', 'Mã SMS', 'SMS code', (s) => s.smsCode),
    col('#loc+type', 'Loại', 'Kind', (s) => s.kind),
    col('#adm1+code', 'Mã tỉnh', 'Province code', (s) => s.provinceCode),
    col('#adm1+name', 'Tỉnh', 'Province', (s) => provinceName(x, s.provinceCode)),
    col('#adm2+code', 'Mã xã', 'Commune code', (s) => s.communeCode),
    col('#adm2+name', 'Xã', 'Commune', (s) => communeName(x, s.communeCode)),
    col('#geo+lat', 'Vĩ độ', 'Latitude', (s) => s.lat),
    col('#geo+lon', 'Kinh độ', 'Longitude', (s) => s.lon),
    col('#status+code', 'Trạng thái', 'Status', (s) => s.status),
    col('#capacity+num', 'Sức chứa', 'Capacity', (s) => s.capacity),
    col('#affected+displaced+ind', 'Số người', 'Occupancy', (s) => s.occupancy),
    col('#affected+displaced+hh', 'Số hộ', 'Households', (s) => s.households),
    ...demo('female', 'f', 'Nữ', 'Female'),
    ...demo('male', 'm', 'Nam', 'Male'),
    col(
      '#affected+displaced+f+pregnant_lactating',
      'Phụ nữ mang thai, cho con bú',
      'Pregnant or lactating',
      (s) => s.vulnerable?.pregnantLactating ?? null,
    ),
    col(
      '#affected+displaced+disabled',
      'Người khuyết tật',
      'Persons with disabilities',
      (s) => s.vulnerable?.disabilities ?? null,
    ),
    col(
      '#affected+displaced+children+unaccompanied',
      'Trẻ em không có người đi kèm',
      'Unaccompanied children',
      (s) => s.vulnerable?.unaccompaniedChildren ?? null,
    ),
    col(
      '#affected+displaced+hh+female_headed',
      'Hộ do phụ nữ làm chủ',
      'Female-headed households',
      (s) => s.vulnerable?.femaleHeadedHouseholds ?? null,
    ),
    col('#need+water', 'Nước', 'Water', (s) => s.needs.water),
    col('#need+food', 'Lương thực', 'Food', (s) => s.needs.food),
    col('#need+power', 'Điện', 'Power', (s) => s.needs.power),
    col('#need+medical', 'Y tế', 'Medical', (s) => s.needs.medical),
    col('#indicator+num+safety_score', 'Điểm an toàn (/8)', 'Safety score (/8)', (s) => s.safetyScore),
    ...checklist,
    col('#org+name', 'Tổ chức quản lý', 'Managing organisation', (s) => orgName(x, s.managingOrgId)),
    col('#org+code', 'Mã tổ chức quản lý', 'Managing organisation ID', (s) => s.managingOrgId),
    col('#contact+phone', 'Điện thoại', 'Phone', (s) => s.contactPhone),
    col('#date+reported', 'Báo cáo lúc', 'Last reported', (s) => isoVn(s.lastReportedAt)),
    col('#meta+stale', 'Quá hạn báo cáo', 'Stale', (s) =>
      isStale(s.lastReportedAt, x.now, x.staleHours.shelter),
    ),
    col('#date+updated', 'Cập nhật lúc', 'Updated', (s) => isoVn(s.updatedAt)),
    col('#meta+simulated', 'Dữ liệu mô phỏng', 'Simulated', (s) => s.simulated),
  ];
}

/** A service's commune, empty when its position is hidden (standards README, services table). */
export const shownCommune = (s: ServicePoint) => (s.positionShown === 'hidden' ? null : s.communeCode);

/** Service columns for this reader: stock and beds only for roles that read some service's private side. */
export function serviceColumns(a: Caller, x: ExportContext): Column<ServicePoint>[] {
  const restricted = readsSomeServicePrivate(a)
    ? [
        ...STOCK_ITEMS.flatMap((item) => [
          col<ServicePoint>(
            `#item+num+${item}`,
            `Tồn kho: ${item}`,
            `Stock: ${item}`,
            (s) => s.availability.stock?.[item]?.quantity ?? null,
          ),
          col<ServicePoint>(
            `#item+level+${item}`,
            `Mức tồn kho: ${item}`,
            `Stock level: ${item}`,
            (s) => s.availability.stock?.[item]?.level ?? null,
          ),
        ]),
        col<ServicePoint>(
          '#capacity+num+beds_free',
          'Giường trống (nhà tạm lánh)',
          'Free safe-house beds',
          (s) => s.availability.safeHouseBeds,
        ),
      ]
    : [];
  return [
    col('#service+code', 'Mã dịch vụ', 'Service ID', (s) => s.id),
    col('#service+name', 'Tên dịch vụ', 'Service name', (s) => s.name),
    col('#service+type', 'Loại dịch vụ', 'Service types', (s) => s.types),
    col('#org+impl+name', 'Tổ chức cung cấp', 'Provider', (s) => orgName(x, s.providerOrgId)),
    col('#org+impl+code', 'Mã tổ chức cung cấp', 'Provider ID', (s) => s.providerOrgId),
    col('#subsector+code', 'Tiểu lĩnh vực', 'Subsector', () => 'gbv'),
    col('#adm1+code', 'Mã tỉnh', 'Province code', (s) => s.provinceCode),
    col('#adm1+name', 'Tỉnh', 'Province', (s) => provinceName(x, s.provinceCode)),
    col('#adm2+code', 'Mã xã', 'Commune code', (s) => shownCommune(s)),
    col('#adm2+name', 'Xã', 'Commune', (s) => communeName(x, shownCommune(s))),
    col('#geo+precision', 'Độ chính xác vị trí', 'Position shown', (s) => s.positionShown),
    col('#geo+lat', 'Vĩ độ', 'Latitude', (s) => s.lat),
    col('#geo+lon', 'Kinh độ', 'Longitude', (s) => s.lon),
    col('#status+code', 'Tình trạng', 'Availability', (s) => s.availability.status),
    col('#status+reason', 'Lý do', 'Reasons', (s) => s.availability.reasons),
    col('#date+expected_restore', 'Dự kiến khôi phục', 'Expected restore', (s) =>
      isoVn(s.availability.expectedRestoreAt),
    ),
    col('#service+hours', 'Giờ làm việc', 'Hours', (s) => (s.open24h ? '24/7' : s.hours)),
    col('#service+languages', 'Ngôn ngữ', 'Languages', (s) => s.languages),
    col('#service+cost', 'Chi phí', 'Cost', (s) => s.cost),
    col('#service+referral', 'Chuyển tuyến', 'Referral', (s) => s.referral),
    col('#contact+phone', 'Điện thoại', 'Phone', (s) => s.contactPhone),
    col(
      '#indicator+bool+hotline_working',
      'Đường dây nóng hoạt động',
      'Hotline working',
      (s) => s.availability.hotlineWorking,
    ),
    ...restricted,
    col('#description+note', 'Ghi chú', 'Note', (s) => s.availability.note),
    col('#date+reported', 'Báo cáo lúc', 'Last reported', (s) => isoVn(s.lastReportedAt)),
    col('#meta+stale', 'Quá hạn báo cáo', 'Stale', (s) =>
      isStale(s.lastReportedAt, x.now, x.staleHours.service),
    ),
    col('#meta+simulated', 'Dữ liệu mô phỏng', 'Simulated', (s) => s.simulated),
  ];
}

/** A request with the names of its shelter and service as the reader sees them. */
export type RequestRow = CoordinationRequest & { shelterName: string | null; serviceName: string | null };

/** Request columns (the message thread is never exported). */
export function requestColumns(_a: Caller, x: ExportContext): Column<RequestRow>[] {
  return [
    col('#meta+id', 'Mã yêu cầu', 'Request ID', (r) => r.id),
    col('#need+type', 'Loại yêu cầu', 'Kind', (r) => r.kind),
    col('#status+code', 'Trạng thái', 'Status', (r) => r.status),
    col('#need+priority', 'Mức ưu tiên', 'Priority', (r) => r.priority),
    col('#org+requester+name', 'Tổ chức yêu cầu', 'From organisation', (r) => orgName(x, r.fromOrgId)),
    col('#org+recipient+name', 'Tổ chức nhận', 'To organisation', (r) => orgName(x, r.toOrgId)),
    col('#sector+code', 'Lĩnh vực nhận', 'To sector', (r) => r.toSector),
    col('#loc+code', 'Mã điểm sơ tán', 'Shelter ID', (r) => r.shelterId),
    col('#loc+name', 'Điểm sơ tán', 'Shelter', (r) => r.shelterName),
    col('#service+code', 'Mã dịch vụ', 'Service ID', (r) => r.serviceId),
    col('#service+name', 'Dịch vụ', 'Service', (r) => r.serviceName),
    col('#adm1+code', 'Mã tỉnh', 'Province code', (r) => r.provinceCode),
    col('#adm1+name', 'Tỉnh', 'Province', (r) => provinceName(x, r.provinceCode)),
    col('#need+num', 'Số lượng', 'Quantity', (r) => r.quantity),
    col('#date+needed_by', 'Cần trước', 'Needed by', (r) => isoVn(r.neededBy)),
    col('#date+reported', 'Tạo lúc', 'Created', (r) => isoVn(r.createdAt)),
    col('#date+updated', 'Cập nhật lúc', 'Updated', (r) => isoVn(r.updatedAt)),
    col('#meta+simulated', 'Dữ liệu mô phỏng', 'Simulated', (r) => r.simulated),
  ];
}

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
    col('#adm1+code', 'Mã tỉnh', 'Province code', (r) => r.provinceCode),
    col('#adm1+name', 'Tỉnh', 'Province', (r) => provinceName(x, r.provinceCode)),
    col('#adm2+code', 'Mã xã', 'Commune codes', (r) => r.communeCodes),
    col('#meta+simulated', 'Dữ liệu mô phỏng', 'Simulated', (r) => r.alert.simulated),
  ];
}

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
    col('#adm1+code', 'Mã tỉnh', 'Province code', (c) => c.provinceCode),
    col('#adm1+name', 'Tỉnh', 'Province', (c) => provinceName(x, c.provinceCode)),
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

/** A cell as written: empty for hidden, `true`/`false`, `;` lists, and formula triggers neutralised. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v.join(';');
  return neutralise(s);
}

/**
 * Defuse spreadsheet formulas (CSV injection): a cell that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading single quote. Our numbers are never negative (counts, and
 * latitudes and longitudes in Viet Nam), so no real number is touched.
 */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
