import { CHECKLIST_ITEMS } from '../../../shared/enums.js';
import { readsChecklist, type Caller } from '../../../shared/domain/permissions.js';
import { isStale } from '../../../shared/domain/staleness.js';
import type { Shelter } from '../../../shared/schemas/shelters.js';
import {
  col,
  communeColumns,
  isoVn,
  orgName,
  provinceColumns,
  snake,
  type Column,
  type ExportContext,
} from './export.columns.js';

const BANDS = [
  ['0-4', 'children+age0_4', '0-4', '0-4'],
  ['5-17', 'children+age5_17', '5-17', '5-17'],
  ['18-59', 'adults+age18_59', '18-59', '18-59'],
  ['60+', 'elderly+age60plus', '60+', '60+'],
] as const;

/** The vulnerable-group counts: HXL attributes, Vietnamese and English headers, field. */
const VULNERABLE = [
  ['f+pregnant_lactating', 'Phụ nữ mang thai, cho con bú', 'Pregnant or lactating', 'pregnantLactating'],
  ['disabled', 'Người khuyết tật', 'Persons with disabilities', 'disabilities'],
  [
    'children+unaccompanied',
    'Trẻ em không có người đi kèm',
    'Unaccompanied children',
    'unaccompaniedChildren',
  ],
  ['hh+female_headed', 'Hộ do phụ nữ làm chủ', 'Female-headed households', 'femaleHeadedHouseholds'],
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
    ...provinceColumns<Shelter>(x, (s) => s.provinceCode),
    ...communeColumns<Shelter>(x, (s) => s.communeCode),
    col('#geo+lat', 'Vĩ độ', 'Latitude', (s) => s.lat),
    col('#geo+lon', 'Kinh độ', 'Longitude', (s) => s.lon),
    col('#status+code', 'Trạng thái', 'Status', (s) => s.status),
    col('#capacity+num', 'Sức chứa', 'Capacity', (s) => s.capacity),
    col('#affected+displaced+ind', 'Số người', 'Occupancy', (s) => s.occupancy),
    col('#affected+displaced+hh', 'Số hộ', 'Households', (s) => s.households),
    ...demo('female', 'f', 'Nữ', 'Female'),
    ...demo('male', 'm', 'Nam', 'Male'),
    ...VULNERABLE.map(([tag, vi, en, key]) =>
      col<Shelter>(`#affected+displaced+${tag}`, vi, en, (s) => s.vulnerable?.[key] ?? null),
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
