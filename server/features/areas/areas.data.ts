import fs from 'node:fs';
import path from 'node:path';
import type { AdminArea } from '../../../shared/schemas/areas.js';
import { GEO_DIR } from '../../paths.js';

/** Provinces and communes after the 2025 reform, loaded once from the shipped files. */
export interface AreaIndex {
  provinces: AdminArea[];
  communes: AdminArea[];
  province(code: string): AdminArea | undefined;
  commune(code: string): AdminArea | undefined;
}

interface LabelFeature {
  geometry: { coordinates: [number, number] };
  properties: { code: string; nameVi: string; nameEn: string };
}
interface CommuneEntry {
  code: string;
  nameVi: string;
  nameEn: string;
  provinceCode: string;
  lat: number;
  lon: number;
}

/** Load the area index from shared/geo/vn-admin-2025. */
export function loadAreas(dir = GEO_DIR): AreaIndex {
  const labels = JSON.parse(fs.readFileSync(path.join(dir, 'province-labels.geojson'), 'utf8')) as {
    features: LabelFeature[];
  };
  const communeList = JSON.parse(fs.readFileSync(path.join(dir, 'communes.json'), 'utf8')) as CommuneEntry[];
  const provinces: AdminArea[] = labels.features
    .map((f) => ({
      code: f.properties.code,
      level: 'province' as const,
      nameVi: f.properties.nameVi,
      nameEn: f.properties.nameEn,
      parentCode: null,
      lat: f.geometry.coordinates[1],
      lon: f.geometry.coordinates[0],
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const communes: AdminArea[] = communeList.map((c) => ({
    code: c.code,
    level: 'commune' as const,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    parentCode: c.provinceCode,
    lat: c.lat,
    lon: c.lon,
  }));
  const pByCode = new Map(provinces.map((p) => [p.code, p]));
  const cByCode = new Map(communes.map((c) => [c.code, c]));
  return { provinces, communes, province: (c) => pByCode.get(c), commune: (c) => cByCode.get(c) };
}
