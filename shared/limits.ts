/** Bounding box of Viet Nam including Hoang Sa and Truong Sa (vn-admin-2025 README). */
export const VN_BOUNDS = { minLon: 102.14, maxLon: 117.83, minLat: 7.18, maxLat: 23.39 } as const;

/** Lengths and sizes shared by schemas and form fields. */
export const LIMITS = {
  nameMax: 160,
  shortTextMax: 500,
  messageMax: 1000,
  usernameMin: 3,
  usernameMax: 64,
  /** For a new password; sign-in accepts any length (the demo users keep `demo`). */
  passwordMin: 12,
  passwordMax: 200,
  phoneMax: 32,
  idempotencyKeyMax: 128,
  personsMax: 100_000,
  eventsPageMax: 1000,
  /** A client further behind than this reloads the snapshot instead of replaying events. */
  syncReplayMax: 5000,
  /** Events in one `sync` reply at most; a client further behind asks again from where the page ended. */
  syncPageMax: 250,
  /** Viet Nam's provinces and centrally run cities since the 2025 merger. */
  provincesMax: 34,
  acronymMax: 24,
  languageNameMax: 24,
  bulletinNumberMax: 40,
  stormNameMax: 40,
  /** Rings of one polygon (the outline and its holes). */
  polygonRingsMax: 20,
  /** An imported file: at most this many bytes and data rows. */
  importBytesMax: 5 * 1024 * 1024,
  importRowsMax: 20_000,
  serviceTypesMax: 11,
  languagesMax: 10,
  hoursMax: 120,
  stockMax: 1_000_000,
  bedsMax: 10_000,
  polygonPointsMax: 2000,
  trackPointsMax: 200,
  alertCodesMax: 200,
  nearestMax: 50,
  auditPageMax: 500,
  incidentCountMax: 100_000,
} as const;

/** Staleness windows: an entry not reconfirmed within this many hours looks stale everywhere. */
export const STALE_HOURS = { shelter: 12, service: 24 } as const;

/** Storm positions and tracks may lie at sea beyond Viet Nam's bounds (the South China Sea and the Western Pacific). */
export const TRACK_BOUNDS = { minLon: 95, maxLon: 135, minLat: 0, maxLat: 35 } as const;
