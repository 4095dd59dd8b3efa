import type { HAZARDS } from '../../../shared/enums.js';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';

/**
 * The CAP 1.2 mapping of the standards README (../shared/standards/README.md, "CAP 1.2"): Viet Nam's
 * risk levels, hazards and areas. It is the project's proposal; VNDMA/NCHMF should confirm it.
 */

/** The CAP 1.2 namespace. */
export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
/** The content types a CAP message travels as. */
export const CAP_CONTENT_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'] as const;
/** Who sends our messages (no spaces, commas, `<` or `&`). */
export const CAP_SENDER = 'safe-haven-ops';

type Hazard = (typeof HAZARDS)[number];

/** Hazard names for `event`, per info language. */
export const HAZARD_NAMES: Record<Hazard, { vi: string; en: string }> = {
  storm: { vi: 'Bão', en: 'Typhoon' },
  tropical_depression: { vi: 'Áp thấp nhiệt đới', en: 'Tropical depression' },
  heavy_rain: { vi: 'Mưa lớn', en: 'Heavy rain' },
  flood: { vi: 'Lũ', en: 'Flood' },
  flash_flood: { vi: 'Lũ quét', en: 'Flash flood' },
  landslide: { vi: 'Sạt lở đất', en: 'Landslide' },
  storm_surge: { vi: 'Nước dâng do bão', en: 'Storm surge' },
  inundation: { vi: 'Ngập lụt', en: 'Inundation' },
  cold_spell: { vi: 'Rét hại', en: 'Cold spell' },
  heat_wave: { vi: 'Nắng nóng', en: 'Heat wave' },
  drought: { vi: 'Hạn hán', en: 'Drought' },
  saltwater_intrusion: { vi: 'Xâm nhập mặn', en: 'Saltwater intrusion' },
  other: { vi: 'Thiên tai khác', en: 'Other hazard' },
};

/** CAP `category` of a hazard. */
export function categoryOf(h: Hazard): 'Met' | 'Geo' | 'Env' | 'Other' {
  if (h === 'landslide') return 'Geo';
  if (h === 'saltwater_intrusion') return 'Env';
  if (h === 'other') return 'Other';
  return 'Met';
}

/** CAP `severity` of a level: 4 and 5 are both Extreme, told apart by the VN-DisasterRiskLevel parameter. */
export const SEVERITY_OF_LEVEL = ['Minor', 'Moderate', 'Severe', 'Extreme', 'Extreme'] as const;
/** Level of a CAP severity, when no VN-DisasterRiskLevel parameter says it. */
export const LEVEL_OF_SEVERITY: Record<string, number> = { Minor: 1, Moderate: 2, Severe: 3, Extreme: 4 };
/** The official colour names of the levels (Decision 18/2021/QĐ-TTg, Art. 4). */
export const COLOUR_NAMES = ['light blue', 'light yellow', 'orange', 'red', 'purple'] as const;

/** Parameter and geocode names. */
export const P = {
  level: 'VN-DisasterRiskLevel',
  colour: 'VN-DisasterRiskColour',
  hazard: 'SHO-hazard',
  bulletin: 'SHO-bulletin',
  landfall: 'SHO-landfall',
  storm: 'SHO-storm-name',
  province: 'VN-ADM1-2025',
  commune: 'VN-ADM2-2025',
} as const;

/** Our identifier of an alert's version: unique per message. */
export const identifierOf = (a: Pick<RiskAlert, 'id' | 'version'>, version = a.version): string =>
  `SHO-${a.id}-v${version}`;

const VN_OFFSET_MS = 7 * 3600_000;
/** A time as CAP wants it, `YYYY-MM-DDThh:mm:ss+07:00` (never `toISOString()`'s `.000Z`). */
export function capTime(iso: string): string {
  const t = Math.floor(Date.parse(iso) / 1000) * 1000;
  return `${new Date(t + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** CAP's `sent`-like time pattern. */
export const CAP_TIME_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;

/** urgency and certainty of an alert at a time (forecast: Expected within about 48 h, else Future). */
export function urgencyOf(a: Pick<RiskAlert, 'status' | 'validFrom'>, sent: string) {
  if (a.status === 'cancelled' || a.status === 'expired') return { urgency: 'Past', certainty: 'Observed' };
  if (a.status === 'forecast') {
    const soon = Date.parse(a.validFrom) - Date.parse(sent) <= 48 * 3600_000;
    return { urgency: soon ? 'Expected' : 'Future', certainty: 'Likely' };
  }
  return { urgency: 'Immediate', certainty: 'Observed' };
}
