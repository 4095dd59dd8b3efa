import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { bool, FeedUrlsSchema, OriginsSchema, TrustProxySchema } from './env.values.js';
import { CARE_ENV, careAlertConfig, type CareAlertConfig } from './features/careAlerts/careAlerts.config.js';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _.:- only')
    .default('sho'),
  DEMO: bool.optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  COOKIE_SECURE: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: TrustProxySchema.optional(),
  ALLOWED_ORIGINS: OriginsSchema.optional(),
  LOGIN_MAX_ATTEMPTS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  LOGIN_HASH_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  SHELTER_STALE_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 14)
    .default(12),
  SERVICE_STALE_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 14)
    .default(24),
  ESCALATE_LIFE_SAVING_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 14)
    .default(4),
  ESCALATE_URGENT_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 14)
    .default(24),
  ESCALATE_CHECK_MINUTES: z.coerce
    .number()
    .min(0.01)
    .max(24 * 60)
    .default(5),
  INCIDENT_RELEASE_DELAY_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  INCIDENT_RELEASE_CHECK_MINUTES: z.coerce
    .number()
    .min(0.01)
    .max(24 * 60)
    .default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  STATIC_DIR: z.string().optional(),
  SOCKET_BUFFER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  SOCKET_RECHECK_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  WRITE_SETTLE_MS: z.coerce.number().int().min(0).max(30_000).default(1000),
  PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  READY_REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  CAP_FEED_URLS: FeedUrlsSchema.optional(),
  CAP_FEED_POLL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  ...CARE_ENV,
});

/** Everything the app needs, built once from the environment (or by a test). */
export interface AppConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  /** Namespace for Redis channels and keys, so several deployments can share one Redis. */
  redisPrefix: string;
  demo: boolean;
  sessionTtlHours: number;
  cookieSecure: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Express `trust proxy`: a number of proxy hops (0: none) or the proxies' addresses/subnets. */
  trustProxy: number | string[];
  /** Origins allowed for writes and sockets besides the request's own (normalised `scheme://host[:port]`). */
  allowedOrigins: string[];
  login: LoginLimits;
  staleHours: { shelter: number; service: number };
  /** Incident figures are released, not streamed: a month is released this many days after it closes; the timer checks this often. */
  incidentRelease: { delayDays: number; checkMinutes: number };
  /** Hours before unacknowledged requests escalate (issue 13); absent: shared defaults, every 5 min. */
  escalation?: { lifeSavingHours: number; urgentHours: number; checkMinutes: number };
  shutdownTimeoutMs: number;
  /** Folder of the built client to serve, if any. */
  staticDir: string | undefined;
  production: boolean;
  /** Bytes queued for one socket (unsent packets plus its TCP write buffer) past which it is cut off. */
  socketBufferMaxBytes: number;
  /** How often each process re-checks its sockets' sessions (a safety net behind revocation). */
  socketRecheckMs: number;
  /** PostgreSQL session limits on the app's connections, in ms (0 = off; PGlite ignores them). */
  dbTimeouts: { lockTimeoutMs: number; statementTimeoutMs: number; idleInTransactionTimeoutMs: number };
  /** How long a write whose COMMIT lost its connection waits to learn the outcome before answering outcome_unknown. */
  writeSettleMs: number;
  /** A Redis publish not answered within this is logged and left to the log catch-up. */
  publishTimeoutMs: number;
  /** /readyz is 503 when Redis does not answer a PING within this. */
  readyRedisTimeoutMs: number;
  /** CAP 1.2 Atom feeds polled for alerts (none when absent), and how often. */
  capFeeds?: { urls: string[]; pollMs: number };
  /** Duty-of-care alerts' thresholds and timer (defaults when absent). */
  careAlerts?: CareAlertConfig;
}

/** Sign-in throttling and the bound on concurrent password checks. */
export interface LoginLimits {
  /** Sign-in attempts per username per window (consumed before the password is checked). */
  maxPerUser: number;
  /** Sign-in attempts per client address per window; successful ones are given back. */
  maxPerAddress: number;
  windowSeconds: number;
  /** Password hashes checked at once; scrypt takes 32 MiB and a core's worth of time each. */
  hashConcurrency: number;
  /** Sign-ins waiting for a hashing slot; beyond this they get 429 at once. */
  hashQueue: number;
}

/** Parsed process settings: the listen address plus the app config. */
export interface Settings {
  port: number;
  host: string;
  config: AppConfig;
}

/** Parse the environment; on a bad value, return every problem so the caller can print them and exit. */
export function parseEnv(
  env: NodeJS.ProcessEnv,
): { ok: true; settings: Settings } | { ok: false; problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = EnvSchema.safeParse(cleaned);
  if (!r.success) {
    return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = r.data;
  return {
    ok: true,
    settings: {
      port: e.PORT,
      host: e.HOST,
      config: {
        databaseUrl: e.DATABASE_URL,
        dataDir: e.DATA_DIR,
        redisUrl: e.REDIS_URL,
        redisPrefix: e.REDIS_PREFIX,
        // SPEC 9: demo data by default only on the embedded database.
        demo: e.DEMO ?? e.DATABASE_URL === undefined,
        sessionTtlHours: e.SESSION_TTL_HOURS,
        cookieSecure: e.COOKIE_SECURE,
        logLevel: e.LOG_LEVEL,
        trustProxy: e.TRUST_PROXY ?? 0,
        allowedOrigins: e.ALLOWED_ORIGINS ?? [],
        login: {
          maxPerUser: e.LOGIN_MAX_ATTEMPTS_PER_USER,
          maxPerAddress: e.LOGIN_MAX_ATTEMPTS_PER_ADDRESS,
          windowSeconds: e.LOGIN_WINDOW_MINUTES * 60,
          hashConcurrency: e.LOGIN_HASH_CONCURRENCY ?? Math.min(4, os.availableParallelism()),
          hashQueue: e.LOGIN_HASH_QUEUE,
        },
        staleHours: { shelter: e.SHELTER_STALE_HOURS, service: e.SERVICE_STALE_HOURS },
        incidentRelease: {
          delayDays: e.INCIDENT_RELEASE_DELAY_DAYS,
          checkMinutes: e.INCIDENT_RELEASE_CHECK_MINUTES,
        },
        escalation: {
          lifeSavingHours: e.ESCALATE_LIFE_SAVING_HOURS,
          urgentHours: e.ESCALATE_URGENT_HOURS,
          checkMinutes: e.ESCALATE_CHECK_MINUTES,
        },
        shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
        staticDir: e.STATIC_DIR === undefined ? undefined : path.resolve(e.STATIC_DIR),
        production: e.NODE_ENV === 'production',
        socketBufferMaxBytes: e.SOCKET_BUFFER_MAX_BYTES,
        socketRecheckMs: e.SOCKET_RECHECK_SECONDS * 1000,
        dbTimeouts: {
          lockTimeoutMs: e.DB_LOCK_TIMEOUT_MS,
          statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
          idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
        },
        writeSettleMs: e.WRITE_SETTLE_MS,
        publishTimeoutMs: e.PUBLISH_TIMEOUT_MS,
        readyRedisTimeoutMs: e.READY_REDIS_TIMEOUT_MS,
        capFeeds: { urls: e.CAP_FEED_URLS ?? [], pollMs: e.CAP_FEED_POLL_SECONDS * 1000 },
        careAlerts: careAlertConfig(e),
      },
    },
  };
}
