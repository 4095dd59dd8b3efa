/** Migration 7: CAP messages taken in (issue 9). */
export const V7_CAP_MESSAGES = `
-- CAP 1.2 messages taken in (issue 9): which alert each (sender, identifier) created, updated or
-- cancelled, so a message posted or polled twice changes nothing the second time.
CREATE TABLE cap_messages (
  sender text NOT NULL,
  identifier text NOT NULL,
  sent text NOT NULL,
  msg_type text NOT NULL,
  alert_id uuid NOT NULL REFERENCES risk_alerts (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sender, identifier)
);
CREATE INDEX cap_messages_alert ON cap_messages (alert_id);
`;
