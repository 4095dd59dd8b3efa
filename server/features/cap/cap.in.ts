import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { z } from 'zod';
import { HAZARDS } from '../../../shared/enums.js';
import { AlertCreateSchema, type AlertCreate } from '../../../shared/schemas/alerts.js';
import { zodIssues } from '../../../shared/schemas/api.js';
import { badField, HttpError } from '../../http/errors.js';
import { PROJECT_ROOT } from '../../paths.js';
import type { AreaIndex } from '../areas/areas.data.js';
import { CAP_TIME_RE, HAZARD_NAMES, LEVEL_OF_SEVERITY, P } from './cap.mapping.js';

/** The OASIS CAP 1.2 schema, copied from ../shared/standards/cap (see standards/README.md). */
const XSD_PATH = path.join(PROJECT_ROOT, 'server', 'features', 'cap', 'standards', 'CAP-v1.2.xsd');
let xsd: string | null = null;

/** A CAP message refused by one rule: 400 naming it (`cap.<rule>`). */
const rule = (name: string, message: string): HttpError => badField(`cap.${name}`, message);

/** Validate against the CAP 1.2 XSD with libxml2 (xmllint-wasm); the errors, or none. */
export async function xsdErrors(xml: string): Promise<string[]> {
  xsd ??= fs.readFileSync(XSD_PATH, 'utf8');
  const r = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: xsd }],
  });
  return r.valid ? [] : r.errors.map((e) => e.message.trim());
}

const ARRAYS = new Set(['info', 'category', 'responseType', 'eventCode', 'parameter', 'resource', 'area']);
const AREA_ARRAYS = new Set(['polygon', 'circle', 'geocode', 'code']);
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Codes keep their leading zeros: every value stays text.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name) || AREA_ARRAYS.has(name),
});

const Text = z.string();
const NameValue = z.object({ valueName: Text, value: Text });
const InfoSchema = z.object({
  language: Text.optional(),
  category: z.array(Text),
  event: Text,
  urgency: Text,
  severity: Text,
  certainty: Text,
  eventCode: z.array(NameValue).default([]),
  effective: Text.optional(),
  onset: Text.optional(),
  expires: Text.optional(),
  senderName: Text.optional(),
  headline: Text.optional(),
  parameter: z.array(NameValue).default([]),
  area: z
    .array(
      z.object({
        areaDesc: Text,
        polygon: z.array(Text).default([]),
        circle: z.array(Text).default([]),
        geocode: z.array(NameValue).default([]),
      }),
    )
    .default([]),
});
const MessageSchema = z.object({
  identifier: Text,
  sender: Text,
  sent: Text,
  status: Text,
  msgType: Text,
  scope: Text,
  restriction: Text.optional(),
  addresses: Text.optional(),
  references: Text.optional(),
  info: z.array(InfoSchema).default([]),
});

/** A reference to an earlier message: `sender,identifier,sent`. */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

/** A CAP message that passed the XSD and the rules, mapped onto a risk alert. */
export interface CapIn {
  identifier: string;
  sender: string;
  sent: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  simulated: boolean;
  references: CapReference[];
  /** The alert it describes; null for a Cancel (which needs only its references). */
  alert: AlertCreate | null;
}

const NAME_RE = /^[^\s,<&]+$/;
const toIso = (t: string) => new Date(t).toISOString();

function polygonOf(text: string): [number, number][] {
  const pairs = text.split(/\s+/).map((p) => p.split(',').map(Number));
  if (pairs.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n))))
    throw rule('polygon', 'pairs are "lat,lon" separated by spaces');
  if (pairs.length < 4) throw rule('polygon', 'needs at least 4 lat,lon pairs');
  const [f, l] = [pairs[0]!, pairs[pairs.length - 1]!];
  if (f[0] !== l[0] || f[1] !== l[1]) throw rule('polygon', 'must be closed (first pair = last pair)');
  // CAP's order is lat,lon, the reverse of GeoJSON's.
  return pairs.map(([lat, lon]) => [lon!, lat!]);
}

function hazardOf(i: z.infer<typeof InfoSchema>): (typeof HAZARDS)[number] {
  const code = i.eventCode.find((c) => c.valueName === P.hazard)?.value;
  if (code && (HAZARDS as readonly string[]).includes(code)) return code as (typeof HAZARDS)[number];
  const ev = i.event.toLowerCase();
  const byName = HAZARDS.find((h) =>
    [HAZARD_NAMES[h].vi, HAZARD_NAMES[h].en].some((n) => n.toLowerCase() === ev),
  );
  if (byName) return byName;
  if (i.category.includes('Geo')) return 'landslide';
  if (i.category.includes('Env')) return 'saltwater_intrusion';
  return 'other';
}

function levelOf(i: z.infer<typeof InfoSchema>): number {
  const p = i.parameter.find((x) => x.valueName === P.level)?.value;
  if (p !== undefined) {
    if (!/^[1-5]$/.test(p)) throw rule('parameter', `${P.level} must be 1 to 5`);
    return Number(p);
  }
  const l = LEVEL_OF_SEVERITY[i.severity];
  if (!l) throw rule('severity', `${i.severity} has no risk level; give ${P.level}`);
  return l;
}

function alertOf(m: z.infer<typeof MessageSchema>, areas: AreaIndex): AlertCreate {
  const i = m.info.find((x) => x.language?.toLowerCase().startsWith('vi')) ?? m.info[0]!;
  const param = (n: string) => i.parameter.find((x) => x.valueName === n)?.value;
  const provinceCodes: string[] = [];
  const communeCodes: string[] = [];
  const polygons: [number, number][][] = [];
  for (const a of i.area) {
    for (const g of a.geocode) {
      if (g.valueName === P.province) {
        if (!areas.province(g.value)) throw rule('geocode', `${P.province} ${g.value} is not a province`);
        provinceCodes.push(g.value);
      } else if (g.valueName === P.commune) {
        if (!areas.commune(g.value)) throw rule('geocode', `${P.commune} ${g.value} is not a commune`);
        communeCodes.push(g.value);
      }
    }
    polygons.push(...a.polygon.map(polygonOf));
  }
  if (polygons.length > 1) throw rule('polygon', 'one polygon per alert is supported');
  if (!provinceCodes.length && !communeCodes.length && !polygons.length)
    throw rule('area', `give a ${P.province} or ${P.commune} geocode or a polygon`);
  const hazard = hazardOf(i);
  const storm = param(P.storm);
  const landfall = param(P.landfall);
  if (landfall !== undefined && !CAP_TIME_RE.test(landfall))
    throw rule('parameter', `${P.landfall} must be YYYY-MM-DDThh:mm:ss±hh:mm`);
  if (!i.expires) throw rule('expires', 'an alert needs expires (its end of validity)');
  const candidate = {
    hazard,
    level: levelOf(i),
    title: i.headline ?? i.event,
    provinceCodes: [...new Set(provinceCodes)],
    communeCodes: [...new Set(communeCodes)],
    polygon: polygons.length ? { type: 'Polygon', coordinates: [polygons[0]] } : null,
    storm:
      storm && (hazard === 'storm' || hazard === 'tropical_depression')
        ? { name: storm, position: null, track: [], landfallAt: landfall ? toIso(landfall) : null }
        : null,
    validFrom: toIso(i.onset ?? i.effective ?? m.sent),
    validTo: toIso(i.expires),
    status: i.urgency === 'Immediate' ? 'active' : 'forecast',
    issuer: i.senderName ?? m.sender,
    bulletinNumber: param(P.bulletin) ?? null,
  };
  const r = AlertCreateSchema.safeParse(candidate);
  if (r.success) return r.data;
  const issues = zodIssues(r.error).map((x) => ({ path: `cap.alert.${x.path}`, message: x.message }));
  throw new HttpError(
    400,
    'bad_request',
    `The CAP message maps to an invalid alert: ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`,
    issues,
  );
}

/** Check a message's rules (the XSD's and those it leaves out) and map it; a 400 names the first broken rule. */
export async function readCap(xml: unknown, areas: AreaIndex): Promise<CapIn> {
  if (typeof xml !== 'string' || !xml.trim())
    throw rule('body', 'send one CAP 1.2 message (Content-Type: application/cap+xml)');
  // No DTD: nothing may expand entities or reach out for files.
  if (/<!DOCTYPE/i.test(xml)) throw rule('doctype', 'a CAP message has no DOCTYPE');
  const errors = await xsdErrors(xml);
  if (errors.length) throw rule('xsd', `not valid against CAP-v1.2.xsd: ${errors.slice(0, 3).join(' | ')}`);
  const doc = parser.parse(xml) as { alert?: unknown };
  const parsed = MessageSchema.safeParse(doc.alert);
  if (!parsed.success) throw rule('xsd', 'not a CAP 1.2 alert');
  const m = parsed.data;
  if (!NAME_RE.test(m.identifier)) throw rule('identifier', 'contains no spaces, commas, < or &');
  if (!NAME_RE.test(m.sender)) throw rule('sender', 'contains no spaces, commas, < or &');
  if (m.status !== 'Actual' && m.status !== 'Exercise')
    throw rule('status', `${m.status} messages are not alerts; send Actual or Exercise`);
  const references = (m.references ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((r) => {
      const [sender = '', identifier = '', sent = '', ...rest] = r.split(',');
      if (rest.length || !sender || !identifier || !CAP_TIME_RE.test(sent))
        throw rule('references', 'each reference is sender,identifier,sent');
      return { sender, identifier, sent };
    });
  if (m.msgType !== 'Alert' && !references.length)
    throw rule('references', `${m.msgType} needs references to the earlier message`);
  if (m.msgType !== 'Alert' && m.msgType !== 'Update' && m.msgType !== 'Cancel')
    throw rule('msgType', `${m.msgType} does not change an alert; send Alert, Update or Cancel`);
  if (m.scope === 'Restricted' && !m.restriction) throw rule('restriction', 'Restricted needs restriction');
  if (m.scope === 'Private' && !m.addresses) throw rule('addresses', 'Private needs addresses');
  if (m.scope !== 'Public') throw rule('scope', 'only Public alerts are shared with every role here');
  for (const i of m.info) {
    if (i.expires && Date.parse(i.expires) <= Date.parse(m.sent)) throw rule('expires', 'must be after sent');
    for (const a of i.area)
      for (const c of a.circle)
        if (!/^-?\d+(\.\d+)?,-?\d+(\.\d+)? \d+(\.\d+)?$/.test(c)) throw rule('circle', 'is "lat,lon radius"');
  }
  if (m.msgType !== 'Cancel' && !m.info.length) throw rule('info', `${m.msgType} needs an info block`);
  return {
    identifier: m.identifier,
    sender: m.sender,
    sent: m.sent,
    msgType: m.msgType,
    simulated: m.status === 'Exercise',
    references,
    alert: m.msgType === 'Cancel' ? null : alertOf(m, areas),
  };
}
