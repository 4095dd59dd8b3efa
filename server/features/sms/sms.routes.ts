import express, { Router } from 'express';
import type { Ctx } from '../../context.js';
import {
  SmsFormWebhookSchema,
  SmsInboundQuerySchema,
  SmsJsonWebhookSchema,
  type InboundSms,
} from '../../../shared/schemas/sms.js';
import { forbidden, HttpError } from '../../http/errors.js';
import { parse, refuseUnstorableText, viewerOf } from '../../http/validate.js';
import { receiveSms } from './sms.service.js';

const xmlEscape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** TwiML that sends one reply SMS. */
export const twiml = (text: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${xmlEscape(text)}</Message></Response>`;

/**
 * POST /api/sms/inbound: an SMS gateway (an `sms-gateway` token) delivers one message, as form
 * fields (`From`, `Body`, `MessageSid`) or JSON (`{ from, text, id }`), and gets back the reply SMS:
 * plain text, or TwiML when asked (`?format=twiml`, or an Accept that prefers XML).
 */
export function smsRoutes(ctx: Ctx): Router {
  const r = Router();
  r.post(
    '/inbound',
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 }),
    refuseUnstorableText,
    async (req, res) => {
      const gateway = viewerOf(res);
      if (gateway.tokenPurpose !== 'sms-gateway') throw forbidden('Only an sms-gateway token delivers SMS.');
      const form = req.is('application/x-www-form-urlencoded');
      if (!form && !req.is('application/json'))
        throw new HttpError(
          415,
          'unsupported_media_type',
          'Send a form (From, Body, MessageSid) or JSON (from, text, id).',
        );
      const query = parse(SmsInboundQuerySchema, req.query, 'query');
      const msg: InboundSms = form
        ? (({ From, Body, MessageSid }) => ({ from: From, text: Body, id: MessageSid }))(
            parse(SmsFormWebhookSchema, req.body, 'body'),
          )
        : parse(SmsJsonWebhookSchema, req.body, 'body');
      const reply = await receiveSms(ctx, gateway, msg);
      const preferred = req.accepts(['text/plain', 'application/xml', 'text/xml']);
      const asTwiml =
        query.format === 'twiml' ||
        (query.format === undefined && (preferred === 'application/xml' || preferred === 'text/xml'));
      if (asTwiml) res.type('application/xml').send(twiml(reply));
      else res.type('text/plain').send(reply);
    },
  );
  return r;
}
