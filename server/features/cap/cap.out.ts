import { create } from 'xmlbuilder2';
import type { RiskAlert } from '../../../shared/schemas/alerts.js';
import type { AreaIndex } from '../areas/areas.data.js';
import {
  CAP_NS,
  CAP_SENDER,
  capTime,
  categoryOf,
  COLOUR_NAMES,
  HAZARD_NAMES,
  identifierOf,
  P,
  SEVERITY_OF_LEVEL,
  urgencyOf,
} from './cap.mapping.js';

/** The message an alert's version answers: identifier and sent time. */
export interface CapRef {
  identifier: string;
  sent: string;
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';
type Lang = 'vi' | 'en';

function areaDesc(a: RiskAlert, areas: AreaIndex, lang: Lang): string {
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);
  const names = [
    ...a.provinceCodes.map((c) => areas.province(c)),
    ...a.communeCodes.map((c) => areas.commune(c)),
  ].flatMap((x) => (x ? [name(x)] : []));
  if (names.length) return names.join(', ');
  return lang === 'vi' ? 'Vùng theo đa giác' : 'Area given by polygon';
}

/** A GeoJSON ring as CAP's `lat,lon` pairs (the reverse of GeoJSON's order). */
const capPolygon = (ring: readonly (readonly [number, number])[]) =>
  ring.map(([lon, lat]) => `${lat},${lon}`).join(' ');

function info(a: RiskAlert, areas: AreaIndex, lang: Lang, sent: string) {
  const { urgency, certainty } = urgencyOf(a, sent);
  const event = HAZARD_NAMES[a.hazard][lang];
  const parameters = [
    [P.level, String(a.level)],
    [P.colour, COLOUR_NAMES[a.level - 1]!],
    ...(a.bulletinNumber ? [[P.bulletin, a.bulletinNumber]] : []),
    ...(a.storm ? [[P.storm, a.storm.name]] : []),
    ...(a.storm?.landfallAt ? [[P.landfall, capTime(a.storm.landfallAt)]] : []),
  ];
  const geocodes = [
    ...a.provinceCodes.map((c) => [P.province, c]),
    ...a.communeCodes.map((c) => [P.commune, c]),
  ];
  const where = areaDesc(a, areas, lang);
  return {
    language: lang === 'vi' ? 'vi-VN' : 'en-US',
    category: categoryOf(a.hazard),
    event,
    urgency,
    severity: SEVERITY_OF_LEVEL[a.level - 1],
    certainty,
    eventCode: { valueName: P.hazard, value: a.hazard },
    effective: sent,
    onset: capTime(a.validFrom),
    expires: capTime(a.validTo),
    senderName: a.issuer,
    // The title is one free text in the issuer's language: the vi-VN headline carries it as is.
    headline: lang === 'vi' ? a.title : `${event}, risk level ${a.level}: ${where}`,
    description:
      lang === 'vi'
        ? `${a.title}. Cấp độ rủi ro thiên tai ${a.level}. Khu vực: ${where}.`
        : `${event}, disaster risk level ${a.level} (${COLOUR_NAMES[a.level - 1]}). Area: ${where}. Original title: ${a.title}`,
    parameter: parameters.map(([valueName, value]) => ({ valueName, value })),
    area: {
      areaDesc: where,
      // CAP polygons have no holes: the outline only.
      ...(a.polygon ? { polygon: capPolygon(a.polygon.coordinates[0]!) } : {}),
      ...(geocodes.length ? { geocode: geocodes.map(([valueName, value]) => ({ valueName, value })) } : {}),
    },
  };
}

/**
 * One CAP 1.2 message for an alert as it is now. The first version is an Alert; a later one an
 * Update (a cancelled alert a Cancel) referencing the message of the version before it. Simulated
 * alerts are Exercise, never Actual.
 */
export function capMessage(a: RiskAlert, areas: AreaIndex, previous: CapRef | null): string {
  const sent = capTime(a.updatedAt);
  const msgType = a.status === 'cancelled' ? 'Cancel' : previous ? 'Update' : 'Alert';
  const alert = {
    '@xmlns': CAP_NS,
    identifier: identifierOf(a),
    sender: CAP_SENDER,
    sent,
    status: a.simulated ? 'Exercise' : 'Actual',
    msgType,
    scope: 'Public',
    ...(a.simulated ? { note: 'Simulated data (Safe Haven Ops demo) / Dữ liệu mô phỏng' } : {}),
    ...(previous && msgType !== 'Alert'
      ? { references: `${CAP_SENDER},${previous.identifier},${previous.sent}` }
      : {}),
    info: [info(a, areas, 'vi', sent), info(a, areas, 'en', sent)],
  };
  return create({ version: '1.0', encoding: 'UTF-8' }, { alert }).end({ prettyPrint: true });
}

/** An Atom feed of alerts, each entry linking its CAP message. */
export function atomFeed(alerts: readonly RiskAlert[], base: string, now: Date): string {
  const updated = alerts.reduce((m, a) => (a.updatedAt > m ? a.updatedAt : m), new Date(0).toISOString());
  const feed = {
    '@xmlns': ATOM_NS,
    id: `${base}/api/cap/alerts.atom`,
    title: 'Safe Haven Ops: cảnh báo rủi ro thiên tai / disaster risk alerts (CAP 1.2)',
    updated: alerts.length ? updated : now.toISOString(),
    author: { name: CAP_SENDER },
    link: { '@rel': 'self', '@type': 'application/atom+xml', '@href': `${base}/api/cap/alerts.atom` },
    entry: alerts.map((a) => ({
      id: `urn:sho:cap:${identifierOf(a)}`,
      title: a.title,
      updated: a.updatedAt,
      link: {
        '@rel': 'alternate',
        '@type': 'application/cap+xml',
        '@href': `${base}/api/cap/alerts/${a.id}.xml`,
      },
      summary: `${HAZARD_NAMES[a.hazard].en}, risk level ${a.level}${a.status === 'cancelled' ? ' (cancelled)' : ''}`,
    })),
  };
  return create({ version: '1.0', encoding: 'UTF-8' }, { feed }).end({ prettyPrint: true });
}
