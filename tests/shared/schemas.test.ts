import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ShelterCreateSchema,
  ShelterPatchSchema,
  ShelterSchema,
  ChecklistSchema,
  DemographicsSchema,
  ShelterHistoryEntrySchema,
} from '../../shared/schemas/shelters.js';
import {
  LoginSchema,
  MeSchema,
  OrganisationCreateSchema,
  OrganisationSchema,
  UserCreateSchema,
  UserSchema,
} from '../../shared/schemas/auth.js';
import { AdminAreaSchema, AreasQuerySchema } from '../../shared/schemas/areas.js';
import { ApiErrorSchema, zodIssues } from '../../shared/schemas/api.js';
import { ChangeSchema, SyncRequestSchema, SyncResultSchema } from '../../shared/events.js';
import { emptyChecklist } from '../../shared/domain/safety.js';
import { buildShelter, buildShelterCreate } from '../helpers/factories.js';
import { ApiTokenCreateSchema } from '../../shared/schemas/tokens.js';
import { SmsFormWebhookSchema, SmsJsonWebhookSchema } from '../../shared/schemas/sms.js';

const uuid = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const now = '2026-09-07T13:00:00.000Z';
const org = {
  id: uuid,
  createdAt: now,
  updatedAt: now,
  version: 1,
  updatedBy: null,
  orgId: uuid,
  name: 'UNFPA',
  acronym: 'UNFPA',
  kind: 'un_agency',
  sectors: ['gbv'],
};
const me = {
  id: uuid,
  username: 'ops',
  displayName: 'Ops',
  role: 'ops_officer',
  orgId: uuid,
  orgName: 'X',
  scope: null,
};

/** Each schema with fixtures that must parse and fixtures that must not (and the field the error must name). */
const CASES: { name: string; schema: z.ZodType; valid: unknown[]; invalid: [unknown, string][] }[] = [
  {
    name: 'ShelterSchema',
    schema: ShelterSchema,
    valid: [buildShelter(), buildShelter({ checklist: null, communeCode: null })],
    invalid: [
      [buildShelter({ lat: 30 }), 'lat'],
      [buildShelter({ lon: 100 }), 'lon'],
      [buildShelter({ occupancy: -1 }), 'occupancy'],
      [buildShelter({ status: 'gone' as never }), 'status'],
      [buildShelter({ provinceCode: '1' }), 'provinceCode'],
      [buildShelter({ safetyScore: 9 }), 'safetyScore'],
      [{ ...buildShelter(), id: 'nope' }, 'id'],
    ],
  },
  {
    name: 'ShelterCreateSchema',
    schema: ShelterCreateSchema,
    valid: [
      buildShelterCreate(),
      buildShelterCreate({
        status: 'open',
        occupancy: 5,
        checklist: { lighting: 'yes' },
        contactPhone: '+84 203 3825 123',
      }),
    ],
    invalid: [
      [{ ...buildShelterCreate(), name: '' }, 'name'],
      [{ ...buildShelterCreate(), name: 'x'.repeat(161) }, 'name'],
      [{ ...buildShelterCreate(), capacity: 'many' }, 'capacity'],
      [{ ...buildShelterCreate(), capacity: 1.5 }, 'capacity'],
      [{ ...buildShelterCreate(), lat: 51.5, lon: -0.12 }, 'lat'],
      [{ ...buildShelterCreate(), extra: true }, 'extra'],
      [{ ...buildShelterCreate(), checklist: { lighting: 'maybe' } }, 'checklist.lighting'],
      [{ ...buildShelterCreate(), checklist: { unknownItem: 'yes' } }, 'checklist.unknownItem'],
      [{ ...buildShelterCreate(), contactPhone: 'call me' }, 'contactPhone'],
      [(({ kind: _k, ...rest }) => rest)(buildShelterCreate() as { kind: string }), 'kind'],
    ],
  },
  {
    name: 'ShelterPatchSchema',
    schema: ShelterPatchSchema,
    valid: [
      { version: 1, occupancy: 3 },
      { version: 2, reconfirm: true },
      { version: 1, needs: { water: 'low' } },
      { version: 1, lat: 21, lon: 105.8 },
    ],
    invalid: [
      [{ occupancy: 3 }, 'version'],
      [{ version: 0, occupancy: 3 }, 'version'],
      [{ version: 1 }, 'version'],
      [{ version: 1, occupancy: -4 }, 'occupancy'],
      [{ version: 1, provinceCode: '01' }, 'provinceCode'],
      [{ version: 1, lat: 21 }, 'lon'],
      [{ version: 1, needs: { water: 'plenty' } }, 'needs.water'],
      [{ version: 1, reconfirm: false }, 'reconfirm'],
    ],
  },
  {
    name: 'ChecklistSchema',
    schema: ChecklistSchema,
    valid: [emptyChecklist()],
    invalid: [
      [{ ...emptyChecklist(), lighting: 'YES' }, 'lighting'],
      [{ lighting: 'yes' }, 'separateSleeping'],
    ],
  },
  {
    name: 'DemographicsSchema',
    schema: DemographicsSchema,
    valid: [
      {
        female: { '0-4': 1, '5-17': 2, '18-59': 3, '60+': 4 },
        male: { '0-4': 0, '5-17': 0, '18-59': 0, '60+': 0 },
      },
    ],
    invalid: [
      [
        {
          female: { '0-4': 1, '5-17': 2, '18-59': 3, '60+': -1 },
          male: { '0-4': 0, '5-17': 0, '18-59': 0, '60+': 0 },
        },
        'female.60+',
      ],
    ],
  },
  {
    name: 'ShelterHistoryEntrySchema',
    schema: ShelterHistoryEntrySchema,
    valid: [{ seq: 1, type: 'shelter:updated', at: now, by: null, changes: { occupancy: 3 } }],
    invalid: [[{ seq: 0, type: 'x', at: now, by: null, changes: {} }, 'seq']],
  },
  {
    name: 'LoginSchema',
    schema: LoginSchema,
    valid: [{ username: 'ops', password: 'demo' }],
    invalid: [
      [{ username: 'ops' }, 'password'],
      [{ username: 'o', password: 'x' }, 'username'],
      [{ username: 'ops', password: 'x', remember: true }, 'remember'],
    ],
  },
  {
    name: 'MeSchema',
    schema: MeSchema,
    valid: [me],
    invalid: [[{ ...me, role: 'king' }, 'role']],
  },
  {
    name: 'OrganisationSchema',
    schema: OrganisationSchema,
    valid: [org],
    invalid: [
      [{ ...org, kind: 'company' }, 'kind'],
      [{ ...org, sectors: ['fishing'] }, 'sectors.0'],
    ],
  },
  {
    name: 'OrganisationCreateSchema',
    schema: OrganisationCreateSchema,
    valid: [{ name: 'New NGO', kind: 'ngo' }],
    invalid: [
      [{ name: 'New NGO' }, 'kind'],
      [{ name: '  ', kind: 'ngo' }, 'name'],
    ],
  },
  {
    name: 'UserSchema',
    schema: UserSchema,
    valid: [
      {
        id: uuid,
        username: 'a',
        displayName: 'A',
        role: 'viewer',
        orgId: uuid,
        scope: ['22'],
        disabled: false,
        phone: '+84900000001',
        createdAt: now,
      },
    ],
    invalid: [
      [
        {
          id: uuid,
          username: 'a',
          displayName: 'A',
          role: 'viewer',
          orgId: uuid,
          scope: [],
          disabled: false,
          phone: null,
          createdAt: now,
        },
        'scope',
      ],
    ],
  },
  {
    name: 'UserCreateSchema',
    schema: UserCreateSchema,
    valid: [
      {
        username: 'lan.nguyen',
        displayName: 'Nguyễn Thị Lan',
        password: 'correct horse',
        role: 'gbv_coordinator',
        orgId: uuid,
        scope: ['22', '31'],
      },
    ],
    invalid: [
      [
        { username: 'Lan Nguyen', displayName: 'L', password: 'correct horse', role: 'viewer', orgId: uuid },
        'username',
      ],
      [{ username: 'lan', displayName: 'L', password: 'short', role: 'viewer', orgId: uuid }, 'password'],
      [
        { username: 'lan', displayName: 'L', password: '11 chars ok', role: 'viewer', orgId: uuid },
        'password',
      ],
      [
        { username: 'lan', displayName: 'L\u0000', password: 'long enough!', role: 'viewer', orgId: uuid },
        'displayName',
      ],
      [
        {
          username: 'lan',
          displayName: 'L',
          password: 'long enough!',
          role: 'viewer',
          orgId: uuid,
          scope: ['2'],
        },
        'scope.0',
      ],
    ],
  },
  {
    name: 'AdminAreaSchema',
    schema: AdminAreaSchema,
    valid: [
      {
        code: '22',
        level: 'province',
        nameVi: 'Quảng Ninh',
        nameEn: 'Quang Ninh',
        parentCode: null,
        lat: 21,
        lon: 107,
      },
    ],
    invalid: [
      [
        { code: '22', level: 'district', nameVi: 'x', nameEn: 'x', parentCode: null, lat: 1, lon: 1 },
        'level',
      ],
    ],
  },
  {
    name: 'AreasQuerySchema',
    schema: AreasQuerySchema,
    valid: [{}, { level: 'commune', province: '22' }],
    invalid: [
      [{ level: 'district' }, 'level'],
      [{ province: '022' }, 'province'],
      [{ q: 'x' }, 'q'],
    ],
  },
  {
    name: 'ApiErrorSchema',
    schema: ApiErrorSchema,
    valid: [{ code: 'conflict', message: 'x', current: {} }],
    invalid: [[{ code: 'teapot', message: 'x' }, 'code']],
  },
  {
    name: 'SyncRequestSchema',
    schema: SyncRequestSchema,
    valid: [{ afterSeq: 0 }, { afterSeq: 123 }],
    invalid: [
      [{ afterSeq: -1 }, 'afterSeq'],
      [{ afterSeq: '5' }, 'afterSeq'],
      [{ afterSeq: 1.5 }, 'afterSeq'],
      [{}, 'afterSeq'],
      [{ afterSeq: 1, x: 1 }, 'x'],
    ],
  },
  {
    name: 'ChangeSchema',
    schema: ChangeSchema,
    valid: [
      { seq: 3, type: 'hidden' },
      { seq: 4, type: 'shelter:updated', data: buildShelter(), at: now, by: { userId: uuid, orgId: null } },
    ],
    invalid: [
      [{ seq: 4, type: 'shelter:exploded', data: {}, at: now, by: { userId: null, orgId: null } }, 'type'],
      [
        {
          seq: 4,
          type: 'shelter:updated',
          data: { ...buildShelter(), lat: 0 },
          at: now,
          by: { userId: null, orgId: null },
        },
        'data.lat',
      ],
    ],
  },
  {
    name: 'SyncResultSchema',
    schema: SyncResultSchema,
    valid: [
      { reset: true, head: 9 },
      { reset: false, events: [{ seq: 1, type: 'hidden' }], head: 1 },
    ],
    invalid: [[{ reset: false, head: 1 }, 'events']],
  },
  {
    name: 'ApiTokenCreateSchema',
    schema: ApiTokenCreateSchema,
    valid: [
      { name: 'Gateway', orgId: uuid, purpose: 'sms-gateway' },
      { name: 'Script', orgId: uuid, role: 'ops_officer', scope: ['22'], expiresAt: '2030-01-01T00:00:00Z' },
    ],
    invalid: [
      [{ name: 'x', orgId: uuid }, 'role'],
      [{ name: 'x', orgId: uuid, role: 'admin' }, 'role'],
      [{ name: 'x', orgId: uuid, purpose: 'printer' }, 'purpose'],
      [{ name: 'x', orgId: uuid, role: 'viewer', secret: 'mine' }, 'secret'],
    ],
  },
  {
    name: 'SmsFormWebhookSchema',
    schema: SmsFormWebhookSchema,
    valid: [{ From: '+84900000001', Body: 'HD', MessageSid: 'SM123', AccountSid: 'AC1' }],
    invalid: [
      [{ From: '+84900000001', Body: 'HD' }, 'MessageSid'],
      [{ From: '+84900000001', Body: 'HD', MessageSid: 'a b' }, 'MessageSid'],
      [{ From: '', Body: 'HD', MessageSid: 'SM1' }, 'From'],
    ],
  },
  {
    name: 'SmsJsonWebhookSchema',
    schema: SmsJsonWebhookSchema,
    valid: [{ from: '0900000001', text: 'TT 2201 SN 4', id: 'm-1' }],
    invalid: [
      [{ from: '0900000001', text: 'x'.repeat(1601), id: 'm-1' }, 'text'],
      [{ from: '0900000001', text: 'HD' }, 'id'],
    ],
  },
];

describe.each(CASES)('$name', ({ schema, valid, invalid }) => {
  it.each(valid.map((v, i) => [i, v]))('accepts valid fixture %i', (_i, v) => {
    expect(schema.safeParse(v).success).toBe(true);
  });
  it.each(invalid.map(([v, path], i) => [i, path, v]))(
    'refuses invalid fixture %i naming %s',
    (_i, path, v) => {
      const r = schema.safeParse(v);
      expect(r.success).toBe(false);
      if (!r.success) expect(zodIssues(r.error).map((i) => i.path)).toContain(path);
    },
  );
});
