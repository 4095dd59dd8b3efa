/** Migration 4: incident releases. */
export const V4_INCIDENT_RELEASES = `
-- Released incident figures (SPEC 2.4), frozen: one row per province, month and revision. A later
-- revision is a fold-in of later reports. contributions (organisation id -> its part) serve per-reader
-- suppression only and are never shown. The unique key makes a second process's release a no-op.
CREATE TABLE incident_releases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  release_no integer NOT NULL,
  province_code text NOT NULL,
  month text NOT NULL,
  revision integer NOT NULL,
  counts jsonb NOT NULL,
  contributions jsonb NOT NULL,
  released_at timestamptz NOT NULL,
  UNIQUE (province_code, month, revision)
);
CREATE INDEX incident_releases_no ON incident_releases (release_no);
`;
