import type { Caller } from '../../../shared/domain/permissions.js';
import type { CoordinationRequest } from '../../../shared/schemas/requests.js';
import { col, isoVn, orgName, provinceColumns, type Column, type ExportContext } from './export.columns.js';

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
    ...provinceColumns<RequestRow>(x, (r) => r.provinceCode),
    col('#need+num', 'Số lượng', 'Quantity', (r) => r.quantity),
    col('#date+needed_by', 'Cần trước', 'Needed by', (r) => isoVn(r.neededBy)),
    col('#date+reported', 'Tạo lúc', 'Created', (r) => isoVn(r.createdAt)),
    col('#date+updated', 'Cập nhật lúc', 'Updated', (r) => isoVn(r.updatedAt)),
    col('#meta+simulated', 'Dữ liệu mô phỏng', 'Simulated', (r) => r.simulated),
  ];
}
