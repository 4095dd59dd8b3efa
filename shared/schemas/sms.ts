import { z } from 'zod';
import { StorableStringSchema } from './text.js';

const GatewayIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must be 1 to 128 letters, digits or _.:-');
const FromSchema = z.string().trim().min(1).max(32);
const TextSchema = StorableStringSchema().max(1600);

/** The form fields of a Twilio-style gateway webhook (other fields it sends are ignored). */
export const SmsFormWebhookSchema = z.object({
  From: FromSchema,
  Body: TextSchema,
  MessageSid: GatewayIdSchema,
});

/** The JSON shape other gateways post. */
export const SmsJsonWebhookSchema = z.object({ from: FromSchema, text: TextSchema, id: GatewayIdSchema });

/** An inbound SMS, whichever shape it came in. */
export interface InboundSms {
  from: string;
  text: string;
  /** The gateway's message id: the idempotency key. */
  id: string;
}

/** Query of POST /api/sms/inbound: `format=twiml` asks for a TwiML reply. */
export const SmsInboundQuerySchema = z.strictObject({ format: z.enum(['text', 'twiml']).optional() });
