import { badField } from '../../http/errors.js';
import type { AreaIndex } from './areas.data.js';

/**
 * A record's place must exist: a known province and, when given, a known commune inside it. Each
 * failure is a 400 naming the field.
 */
export function checkPlace(
  areas: AreaIndex,
  provinceCode: string,
  communeCode: string | null | undefined,
): void {
  if (!areas.province(provinceCode)) throw badField('provinceCode', 'unknown province code');
  if (communeCode) {
    const c = areas.commune(communeCode);
    if (!c) throw badField('communeCode', 'unknown commune code');
    if (c.parentCode !== provinceCode)
      throw badField('communeCode', `commune ${communeCode} is not in province ${provinceCode}`);
  }
}
