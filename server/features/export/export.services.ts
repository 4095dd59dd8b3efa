import { STOCK_ITEMS } from '../../../shared/enums.js';
import { readsSomeServicePrivate, type Caller } from '../../../shared/domain/permissions.js';
import { isStale } from '../../../shared/domain/staleness.js';
import type { ServicePoint } from '../../../shared/schemas/services.js';
import {
  col,
  communeColumns,
  isoVn,
  orgName,
  provinceColumns,
  type Column,
  type ExportContext,
} from './export.columns.js';

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
    ...provinceColumns<ServicePoint>(x, (s) => s.provinceCode),
    ...communeColumns(x, shownCommune),
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
