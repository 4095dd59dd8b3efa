import { CHECKLIST_ITEMS, SHELTER_AGE_BANDS } from '../../../shared/enums.js';
import type { Caller } from '../../../shared/domain/permissions.js';
import type { AreaIndex } from '../areas/areas.data.js';
import type { Column, ExportContext } from '../export/export.columns.js';
import { shelterColumns } from '../export/export.shelters.js';
import { serviceColumns } from '../export/export.services.js';

/**
 * What an import reads from each column: the HXL hashtag (the same tables as the exports), the API
 * field it fills (a dotted path; also accepted as a plain header) and how its cell is read. Columns
 * an export writes for reading only (names of places and organisations, score, dates, staleness)
 * are not here: an import ignores them.
 */

/** How a cell is read. */
export type CellKind = 'text' | 'int' | 'num' | 'bool' | 'list' | 'hours';

/** One importable column. */
export interface ImportField {
  tag: string;
  path: string;
  kind: CellKind;
  /** The headers of our own export (vi, en) that name this column. */
  headers: string[];
}

/** The two kinds of record that can be imported. */
export { IMPORT_KINDS } from '../../../shared/schemas/imports.js';
import type { IMPORT_KINDS } from '../../../shared/schemas/imports.js';
/** One importable kind. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** An HXL hashtag in one spelling: lower case, no spaces, attributes sorted (`#loc +code` = `#loc+code`). */
export function normaliseTag(raw: string): string | null {
  const t = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/.test(t)) return null;
  const [hash, ...attrs] = t.split('+');
  return [hash, ...attrs.sort()].join('+');
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const BAND_TAGS: Record<(typeof SHELTER_AGE_BANDS)[number], string> = {
  '0-4': 'children+age0_4',
  '5-17': 'children+age5_17',
  '18-59': 'adults+age18_59',
  '60+': 'elderly+age60plus',
};

const SHELTER_FIELDS: [tag: string, path: string, kind: CellKind][] = [
  ['#loc+code', 'id', 'text'],
  ['#loc+name', 'name', 'text'],
  ['#loc+type', 'kind', 'text'],
  ['#adm1+code', 'provinceCode', 'text'],
  ['#adm2+code', 'communeCode', 'text'],
  ['#geo+lat', 'lat', 'num'],
  ['#geo+lon', 'lon', 'num'],
  ['#status+code', 'status', 'text'],
  ['#capacity+num', 'capacity', 'int'],
  ['#affected+displaced+ind', 'occupancy', 'int'],
  ['#affected+displaced+hh', 'households', 'int'],
  ...(['female', 'male'] as const).flatMap((sex) =>
    SHELTER_AGE_BANDS.map((b): [string, string, CellKind] => [
      `#affected+displaced+${sex === 'female' ? 'f' : 'm'}+${BAND_TAGS[b]}`,
      `demographics.${sex}.${b}`,
      'int',
    ]),
  ),
  ['#affected+displaced+f+pregnant_lactating', 'vulnerable.pregnantLactating', 'int'],
  ['#affected+displaced+disabled', 'vulnerable.disabilities', 'int'],
  ['#affected+displaced+children+unaccompanied', 'vulnerable.unaccompaniedChildren', 'int'],
  ['#affected+displaced+hh+female_headed', 'vulnerable.femaleHeadedHouseholds', 'int'],
  ['#need+water', 'needs.water', 'text'],
  ['#need+food', 'needs.food', 'text'],
  ['#need+power', 'needs.power', 'text'],
  ['#need+medical', 'needs.medical', 'text'],
  ...CHECKLIST_ITEMS.map((it): [string, string, CellKind] => [
    `#indicator+safety+${it.critical ? 'critical+' : ''}${snake(it.key)}`,
    `checklist.${it.key}`,
    'text',
  ]),
  ['#org+code', 'managingOrgId', 'text'],
  ['#contact+phone', 'contactPhone', 'text'],
];

const SERVICE_FIELDS: [tag: string, path: string, kind: CellKind][] = [
  ['#service+code', 'id', 'text'],
  ['#service+name', 'name', 'text'],
  ['#service+type', 'types', 'list'],
  ['#org+impl+code', 'providerOrgId', 'text'],
  ['#adm1+code', 'provinceCode', 'text'],
  ['#adm2+code', 'communeCode', 'text'],
  ['#geo+precision', 'locationVisibility', 'text'],
  ['#geo+lat', 'lat', 'num'],
  ['#geo+lon', 'lon', 'num'],
  ['#status+code', 'status', 'text'],
  ['#service+hours', 'hours', 'hours'],
  ['#service+languages', 'languages', 'list'],
  ['#service+cost', 'cost', 'text'],
  ['#service+referral', 'referral', 'text'],
  ['#contact+phone', 'contactPhone', 'text'],
];

/** A caller that reads every column, so every importable column's headers are known. */
const ALL_COLUMNS: Caller = { role: 'gbv_coordinator', orgId: '', scope: null };

function withHeaders<T>(defs: [string, string, CellKind][], columns: Column<T>[]): ImportField[] {
  const byTag = new Map(columns.map((c) => [normaliseTag(c.tag), c]));
  return defs.map(([tag, path, kind]) => {
    const c = byTag.get(normaliseTag(tag));
    return { tag: normaliseTag(tag)!, path, kind, headers: c ? [c.vi, c.en] : [] };
  });
}

/** The importable columns of a kind, with the headers our exports give them. */
export function importFields(kind: ImportKind, areas: AreaIndex): ImportField[] {
  const x: ExportContext = {
    lang: 'vi',
    areas,
    orgs: new Map(),
    now: new Date(),
    staleHours: { shelter: 24, service: 24 },
  };
  const opsCaller: Caller = { role: 'ops_officer', orgId: '', scope: null };
  return kind === 'shelters'
    ? withHeaders(SHELTER_FIELDS, shelterColumns(opsCaller, x))
    : withHeaders(SERVICE_FIELDS, serviceColumns(ALL_COLUMNS, x));
}
