import { canTransition } from '../../../shared/domain/requestWorkflow.js';
import type {
  CoordinationRequest,
  RequestCreate,
  RequestMessage,
  RequestPatch,
} from '../../../shared/schemas/requests.js';
import type { Ctx } from '../../context.js';
import type { Queryable } from '../../db/db.js';
import { checkOrganisation } from '../organisations/organisations.checks.js';
import type { Viewer } from '../../auth/viewer.js';
import { recordEvent, type NewEvent } from '../../events/log.js';
import type { Idempotency } from '../../events/writer.js';
import { badField, forbidden, notFound } from '../../http/errors.js';
import { changedSince, changesFrom, lockedForWrite } from '../../db/records.js';
import { getShelter } from '../shelters/shelters.repo.js';
import { repoOf as serviceRepoOf } from '../services/services.service.js';
import { presentService } from '../services/services.presenter.js';
import { insertMessage, listMessages, requestTable } from './requests.repo.js';
import {
  movesRequestTo,
  onlyAnswersRequests,
  opensRequest,
  readsRequest,
  writesRequest,
} from '../../../shared/domain/permissions.js';
import { presentRequest } from './requests.presenter.js';
import { routedRecipient } from '../coordinationRoles/coordinationRoles.routing.js';
import { writesSimulated } from '../../demo/simulated.js';

const visible = (r: CoordinationRequest | null): r is CoordinationRequest => r !== null;

/** Requests the viewer may see, newest first. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<CoordinationRequest[]> {
  return (await requestTable.list(ctx.db, 'created_at DESC, id'))
    .map((r) => presentRequest(r, viewer))
    .filter(visible);
}

/** One request with its thread. */
export async function get(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
): Promise<CoordinationRequest & { messages: RequestMessage[] }> {
  const r = await requestTable.get(ctx.db, id);
  if (!r || !readsRequest(viewer, r)) throw notFound('request');
  return { ...r, messages: await listMessages(ctx.db, id) };
}

/** A request's thread. */
export async function messages(ctx: Ctx, viewer: Viewer, id: string): Promise<RequestMessage[]> {
  const r = await requestTable.get(ctx.db, id);
  if (!r || !readsRequest(viewer, r)) throw notFound('request');
  return listMessages(ctx.db, id);
}

/** Open a request: operations officers and GBV coordinators within scope, shelter managers for their own shelters. */
export async function create(ctx: Ctx, viewer: Viewer, input: RequestCreate, idem: Idempotency | null) {
  if (!opensRequest(viewer)) throw forbidden('Your role may not open coordination requests.');
  return ctx.writer.write(viewer, idem, async (q) => {
    let provinceCode = input.provinceCode;
    let shelterOrgId: string | null = null;
    if (input.shelterId) {
      const shelter = await getShelter(q, input.shelterId);
      if (!shelter) throw badField('shelterId', 'unknown shelter');
      if (provinceCode && provinceCode !== shelter.provinceCode)
        throw badField('provinceCode', 'not the shelter’s province');
      provinceCode = shelter.provinceCode;
      shelterOrgId = shelter.managingOrgId;
    }
    const shelterRef = input.shelterId && provinceCode ? { provinceCode, managingOrgId: shelterOrgId } : null;
    if (viewer.role === 'shelter_manager' && !opensRequest(viewer, { shelter: shelterRef }))
      throw forbidden('A shelter manager opens requests for the shelters it manages, within scope.');
    if (!provinceCode || !ctx.areas.province(provinceCode))
      throw badField('provinceCode', 'unknown province code');
    if (!opensRequest(viewer, { provinceCode, shelter: shelterRef }))
      throw forbidden('This province is outside your scope.');
    if (input.serviceId) {
      const s = await serviceRepoOf(ctx).get(q, input.serviceId);
      if (!s || !presentService(s, viewer)) throw badField('serviceId', 'unknown service');
    }
    await checkOrganisation(q, input.toOrgId, 'toOrgId');
    const toOrgId =
      input.toOrgId ?? (input.toSector ? null : await routedRecipient(q, input.kind, provinceCode));
    const r = await requestTable.insert(
      q,
      {
        kind: input.kind,
        title: input.title,
        fromOrgId: viewer.orgId,
        toOrgId,
        toSector: input.toSector ?? null,
        shelterId: input.shelterId ?? null,
        shelterOrgId,
        serviceId: input.serviceId ?? null,
        provinceCode,
        priority: input.priority,
        quantity: input.quantity ?? null,
        neededBy: input.neededBy ?? null,
        status: 'open',
        messageCount: 0,
        simulated: writesSimulated(ctx, viewer),
      },
      { userId: viewer.userId, orgId: viewer.orgId },
    );
    const events: NewEvent[] = [recordEvent('request:created', r)];
    let out = r;
    if (input.message) ({ request: out } = await addMessage(q, out, viewer, input.message, events));
    return { status: 201, body: out, events };
  });
}

/** Add a message to a request's thread (a person's, or the system's with null ids) and its event. */
export async function addMessage(
  q: Queryable,
  r: CoordinationRequest,
  viewer: { orgId: string | null; userId: string | null },
  text: string,
  events: NewEvent[],
) {
  const message = await insertMessage(q, r.id, { orgId: viewer.orgId, userId: viewer.userId, text });
  // The count moves without a version bump: a message does not conflict with a status change.
  const { rows } = await q.query<{ message_count: number; updated_at: Date }>(
    'UPDATE coordination_requests SET message_count = message_count + 1, updated_at = now() WHERE id = $1 RETURNING message_count, updated_at',
    [r.id],
  );
  const request = {
    ...r,
    messageCount: rows[0]!.message_count,
    updatedAt: rows[0]!.updated_at.toISOString(),
  };
  events.push({
    type: 'request:message-added',
    entity: 'request-message',
    entityId: r.id,
    data: { request, message },
    changes: null,
  });
  return { request, message };
}

/** Move the status along the workflow, assign, or adjust; only the allowed transitions. */
export async function patch(ctx: Ctx, viewer: Viewer, id: string, p: RequestPatch, idem: Idempotency | null) {
  return ctx.writer.write(viewer, idem, async (q) => {
    const { current } = await lockedForWrite(requestTable, q, id, p.version, {
      missing: 'request',
      present: (r) => presentRequest(r, viewer),
      refuse: (r) => (writesRequest(viewer, r) ? null : 'Your role may not change this request.'),
    });
    const { version, message, ...fields } = p;
    if (fields.status !== undefined && fields.status !== current.status) {
      if (!canTransition(current.status, fields.status))
        throw badField('status', `a request that is ${current.status} cannot become ${fields.status}`);
      if (!movesRequestTo(viewer, fields.status))
        throw forbidden(`Your role may not mark a request ${fields.status}.`);
    } else if (fields.status !== undefined) {
      throw badField('status', `the request is already ${current.status}`);
    }
    const reassigning =
      fields.toOrgId !== undefined ||
      fields.toSector !== undefined ||
      fields.priority !== undefined ||
      fields.quantity !== undefined ||
      fields.neededBy !== undefined;
    if (reassigning && onlyAnswersRequests(viewer))
      throw forbidden('A provider answers a request; it does not reassign or reprioritise it.');
    await checkOrganisation(q, fields.toOrgId, 'toOrgId');
    const nextTo = fields.toOrgId !== undefined ? fields.toOrgId : current.toOrgId;
    const nextSector = fields.toSector !== undefined ? fields.toSector : current.toSector;
    if (nextTo === null && nextSector === null)
      throw badField('toOrgId', 'address the request to an organisation or a sector');
    const updated = await requestTable.update(q, id, version, fields, viewer.userId);
    if (!updated) throw changedSince({ missing: 'request' });
    const changes = changesFrom(current, fields);
    const events: NewEvent[] = [
      { type: 'request:updated', entity: 'request', entityId: id, data: updated, changes },
    ];
    let out = updated;
    if (message) ({ request: out } = await addMessage(q, updated, viewer, message, events));
    return { status: 200, body: out, events };
  });
}

/** Post a short message to the thread. */
export async function postMessage(
  ctx: Ctx,
  viewer: Viewer,
  id: string,
  text: string,
  idem: Idempotency | null,
) {
  return ctx.writer.write(viewer, idem, async (q) => {
    const current = await requestTable.get(q, id, true);
    if (!current || !readsRequest(viewer, current)) throw notFound('request');
    if (!writesRequest(viewer, current)) throw forbidden('Your role may not write on this request.');
    const events: NewEvent[] = [];
    const out = await addMessage(q, current, viewer, text, events);
    return { status: 201, body: out.message, events };
  });
}
