/** Migration 11: when each shelter's referral pathway poster was last printed, and with what (issue 13). */
export const V11_REFERRAL_POSTERS = `
-- One row per shelter: the last print. The service ids let the shelter panel say "poster outdated"
-- once a service on the wall has closed.
CREATE TABLE referral_posters (
  shelter_id uuid PRIMARY KEY REFERENCES shelters (id),
  printed_at timestamptz NOT NULL,
  service_ids jsonb NOT NULL DEFAULT '[]',
  printed_by uuid
);
`;
