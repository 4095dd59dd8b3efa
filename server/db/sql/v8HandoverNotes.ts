/** Migration 8: notes for the next shift (issue 11), and events by time for the brief. */
export const V8_HANDOVER_NOTES = `
-- Notes for the next shift (issue 11): read by the same desk (role and organisation) only.
CREATE TABLE handover_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  display_name text NOT NULL,
  role text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  text text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handover_notes_desk ON handover_notes (role, org_id, at);
-- Briefs read events by time (what moved since the last shift).
CREATE INDEX events_at ON events (at);
`;
