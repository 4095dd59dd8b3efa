import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import type { InboundSms } from '../../../shared/schemas/sms.js';
import { ShelterPatchSchema } from '../../../shared/schemas/shelters.js';
import { parseSms, type SmsCommand } from '../../../shared/domain/smsGrammar.js';
import { smsReply, type SmsOutcome } from '../../../shared/domain/smsReplies.js';
import { editsShelter } from '../../../shared/domain/permissions.js';
import { HttpError } from '../../http/errors.js';
import { requestHash } from '../../events/writer.js';
import { getShelter } from '../shelters/shelters.repo.js';
import { patch as patchShelter } from '../shelters/shelters.service.js';
import { priorReply, recordSmsMessage, senderByPhone, shelterIdByCode } from './sms.repo.js';
import { toE164 } from './phone.js';

// A report is applied on the shelter's latest version: an SMS carries none, and what the manager
// counted now is the news. A concurrent edit moving the version is retried this many times.
const ATTEMPTS = 3;

async function applyReport(
  ctx: Ctx,
  sender: Viewer,
  cmd: Extract<SmsCommand, { kind: 'report' }>,
  msg: InboundSms,
): Promise<{ outcome: SmsOutcome; shelterId: string | null }> {
  const shelterId = await shelterIdByCode(ctx.db, cmd.code);
  const current = shelterId ? await getShelter(ctx.db, shelterId) : null;
  if (!shelterId || !current)
    return { outcome: { kind: 'unknown_shelter', code: cmd.code }, shelterId: null };
  if (!editsShelter(sender, current)) return { outcome: { kind: 'not_allowed', code: cmd.code }, shelterId };
  // The gateway's id is the write's idempotency key too: a repeat that races the first is applied once.
  const idem = { key: `sms:${msg.id}`, requestHash: requestHash('SMS', cmd.code, cmd.update) };
  let version = current.version;
  for (let attempt = 1; ; attempt++) {
    const parsed = ShelterPatchSchema.safeParse({ version, ...cmd.update });
    if (!parsed.success)
      return {
        outcome: { kind: 'refused', code: cmd.code, field: parsed.error.issues[0]?.path.join('.') ?? '?' },
        shelterId,
      };
    try {
      await patchShelter(ctx, sender, shelterId, parsed.data, idem, 'sms');
      return { outcome: { kind: 'applied', code: cmd.code, update: cmd.update }, shelterId };
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      if (err.status === 403) return { outcome: { kind: 'not_allowed', code: cmd.code }, shelterId };
      if (err.status === 400)
        return {
          outcome: { kind: 'refused', code: cmd.code, field: err.issues?.[0]?.path ?? '?' },
          shelterId,
        };
      if (err.status !== 409) throw err;
      if (attempt >= ATTEMPTS) return { outcome: { kind: 'busy' }, shelterId };
      version = (await getShelter(ctx.db, shelterId))?.version ?? version;
    }
  }
}

/**
 * One inbound SMS: the reply to send back. A gateway message id seen before gets the same reply
 * and changes nothing; an unknown number or a shelter the sender may not edit changes nothing.
 */
export async function receiveSms(ctx: Ctx, gateway: Viewer, msg: InboundSms): Promise<string> {
  const prior = await priorReply(ctx.db, msg.id);
  if (prior !== null) return prior;
  const cmd = parseSms(msg.text);
  const phone = toE164(msg.from);
  const sender = phone ? await senderByPhone(ctx.db, phone, msg.id) : null;
  let outcome: SmsOutcome;
  let shelterId: string | null = null;
  if (!sender) outcome = { kind: 'unknown_sender' };
  else if (cmd.kind === 'help') outcome = { kind: 'help' };
  else if (cmd.kind === 'error') outcome = { kind: 'bad_message', error: cmd.error };
  else ({ outcome, shelterId } = await applyReport(ctx, sender, cmd, msg));
  const reply = smsReply(outcome, cmd.lang);
  ctx.log.info({ sms: msg.id, outcome: outcome.kind, tokenId: gateway.tokenId }, 'sms received');
  return recordSmsMessage(ctx.db, {
    gatewayId: msg.id,
    tokenId: gateway.tokenId ?? null,
    fromPhone: phone ?? msg.from.slice(0, 32),
    userId: sender?.userId ?? null,
    body: msg.text,
    outcome: outcome.kind,
    shelterId,
    reply,
  });
}
