import type { Caller } from '../../../shared/domain/permissions.js';
import type { CoordinationRole } from '../../../shared/schemas/coordinationRoles.js';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { orgName, type Column, type ExportContext } from '../export/export.columns.js';
import { list } from './coordinationRoles.service.js';

/**
 * The columns of the mechanism's HXL CSV (issue 13): one row per role; a national role has an empty
 * `#adm1+code`; a gap (no lead) has an empty `#org+lead+name`.
 */
export function coordinationRoleColumns(_a: Caller, x: ExportContext): Column<CoordinationRole>[] {
  return [
    { tag: '#adm1+code', vi: 'Mã tỉnh', en: 'Province code', get: (r) => r.provinceCode },
    { tag: '#sector', vi: 'Chức năng', en: 'Function', get: (r) => r.function },
    {
      tag: '#org+lead+name',
      vi: 'Cơ quan chủ trì',
      en: 'Lead organisation',
      get: (r) => orgName(x, r.leadOrgId),
    },
    {
      tag: '#org+support+name',
      vi: 'Cơ quan phối hợp',
      en: 'Supporting organisations',
      get: (r) => r.supportOrgIds.map((id) => orgName(x, id) ?? id),
    },
    {
      tag: '#contact+role',
      vi: 'Đầu mối liên hệ',
      en: 'Role contact',
      get: (r) => (r.contact ? `${r.contact.desk}: ${r.contact.phone}` : null),
    },
    { tag: '#status+code', vi: 'Trạng thái', en: 'State', get: (r) => r.state },
    {
      tag: '#date+reviewed',
      vi: 'Rà soát lần cuối',
      en: 'Last reviewed',
      get: (r) => r.lastReviewedAt?.slice(0, 10) ?? null,
    },
  ];
}

/** The roles as the viewer reads them, as one page (the mechanism is a few hundred rows at most). */
export async function* coordinationRolePages(ctx: Ctx, viewer: Viewer): AsyncGenerator<CoordinationRole[]> {
  yield await list(ctx, viewer);
}
