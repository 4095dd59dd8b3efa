/**
 * Migration 6: SMS reporting (issue 10). Users get a phone number (E.164, admin-only), shelters a
 * short code to name them by SMS (existing shelters are numbered) and where their last report came
 * from; every gateway message is kept under the gateway's id, so a repeat gets the same reply.
 */
export const V6_SMS = `
ALTER TABLE users ADD COLUMN phone text;
CREATE UNIQUE INDEX users_phone_key ON users (phone);

CREATE SEQUENCE shelter_sms_code_seq START 100;
ALTER TABLE shelters ADD COLUMN sms_code text NOT NULL DEFAULT ('S' || nextval('shelter_sms_code_seq'));
CREATE UNIQUE INDEX shelters_sms_code_key ON shelters (sms_code);
ALTER TABLE shelters ADD COLUMN report_source text NOT NULL DEFAULT 'app';

CREATE TABLE sms_messages (
  gateway_id text PRIMARY KEY,
  token_id uuid,
  from_phone text NOT NULL,
  user_id uuid,
  body text NOT NULL,
  outcome text NOT NULL,
  shelter_id uuid,
  reply text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sms_messages_received ON sms_messages (received_at);
`;
