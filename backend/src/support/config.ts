import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_EMBEDDED_PG_PORT, resolveDataDir } from '@caunoi/db';

/**
 * Configuration from the environment, parsed once at start (DESIGN.md §8). A bad value stops the
 * process with a message naming the variable, instead of failing later somewhere else.
 */
const ZConfig = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Absent: 127.0.0.1 in development and tests (a laptop's services stay on the laptop), 0.0.0.0 in production (containers). */
  HOST: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Absent: `.data` at the repository root (the same folder for npm start and the seed scripts). */
  DATA_DIR: z.string().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_EMBEDDED_PG_PORT),
  /** The embedded PostgreSQL's shared_buffers; absent: an eighth of the machine's memory, 128 MB to 2 GB. */
  EMBEDDED_PG_SHARED_BUFFERS_MB: z.coerce.number().int().min(16).optional(),
  /** Connections in this instance's database pool. */
  DB_POOL_MAX: z.coerce.number().int().min(1).default(10),
  /** How long a request waits for a pooled connection before it is answered 503 (Retry-After). */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Demo cases loaded on the first start of an empty database (not in production). */
  DEMO_CASES: z.coerce.number().int().min(0).default(3000),
  DEMO_SEED: z.coerce.number().int().default(2026),
  /** Signs officers' login tokens; every replica must share it. Required in production. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  /**
   * How often due deadlines are swept (one recurring job that every instance shares; it also turns
   * on the daily digest); 0: this instance takes no part in the schedules (tests drive them).
   */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * What this process does: `all` (HTTP, socket.io, email intake and the jobs: `npm start`), `web`
   * (everything but the jobs) or `worker` (the jobs, with /healthz, /readyz and /metrics on PORT).
   * At scale, web processes answer people and worker processes deliver, each added as load asks;
   * jobs wait safely in PostgreSQL in between.
   */
  PROCESS_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /** Jobs (deliveries, live updates, retries) this instance runs at once; its job pool has two more connections. */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Jobs locked this long by a process that stopped vouching for them (killed, crashed, its
   * machine gone) are unlocked for the others; each job runner vouches for its own six times as often.
   */
  JOB_LOCK_STALE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * While this process is taking in submissions, its background jobs (officers' notices,
   * analysis, agencies' webhooks) run one at a time, this long apart; 0 runs them regardless.
   * Citizens' acknowledgements and live updates never wait.
   */
  BACKGROUND_PAUSE_MS: z.coerce.number().int().min(0).max(10_000).default(20),
  /** A case list counts its matches up to this many; past it the total says "more than" (X-Total-Exact: false). */
  LIST_COUNT_CAP: z.coerce.number().int().min(1).default(10_000),
  /** Days awaiting the citizen that may, in total, move a case's resolve deadline. */
  MAX_PAUSE_DAYS: z.coerce.number().min(0).default(30),
  /** Local time at which a day's deadlines fall (end of office hours). */
  OFFICE_CLOSES_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 17:00')
    .default('17:00'),
  /** Requests per minute per IP on the public endpoints; 0 turns the limit off (benchmarks). */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
  /** Status lookups that find nothing, per hour, per address and per tracking code; 0 turns it off. */
  STATUS_LOOKUP_LIMIT: z.coerce.number().int().min(0).default(30),
  /** Failed logins per 15 minutes per address (each account also locks itself); 0 turns it off. */
  LOGIN_ATTEMPT_LIMIT: z.coerce.number().int().min(0).default(20),
  /**
   * Proxies whose X-Forwarded-For is believed: a hop count, or addresses, subnets and express's
   * names (loopback, uniquelocal), comma-separated. Absent: none (the connection's address counts).
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(\d+|false|[0-9a-zA-Z.:/_-]+(\s*,\s*[0-9a-zA-Z.:/_-]+)*)$/,
      'a hop count, or addresses/subnets separated by commas',
    )
    .optional(),
  /** SMTP intake; 0 picks a free port (tests), -1 turns the listener off. */
  SMTP_INTAKE_PORT: z.coerce.number().int().min(-1).max(65535).default(2525),
  INTAKE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a mail domain, e.g. caunoi.local')
    .default('caunoi.local'),
  /** Largest mail the SMTP listener accepts, in bytes (announced with SIZE; larger → 552). */
  MAX_MAIL_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** Outbound mail, e.g. smtp://user:pass@host:587; absent → captured in the database (/api/dev/mail). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().optional(),
  /** Where citizens' replies to our mail go (Reply-To); absent → gopy@INTAKE_DOMAIN, the general intake mailbox. */
  REPLY_MAILBOX: z.email('must be an email address').optional(),
  /** The agency that operates this portal, named on its pages and in every message to citizens. */
  PORTAL_OPERATOR: z.string().trim().min(2).default('Văn phòng Chính phủ'),
  PORTAL_OPERATOR_EN: z.string().trim().min(2).default('Government Office of Viet Nam'),
  /** Zalo's API and OAuth hosts; absent → the built-in fake Zalo server (development only). */
  ZALO_API_BASE: z.url().optional(),
  ZALO_OAUTH_BASE: z.url().optional(),
  /** The default Official Account (further OAs are rows of zalo_oa). */
  ZALO_APP_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  ZALO_OA_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  ZALO_OA_SECRET_KEY: z.string().optional(),
  ZALO_APP_SECRET: z.string().optional(),
  ZALO_OA_UNIT: z.string().optional(),
  ZALO_REFRESH_TOKEN: z.string().optional(),
  /**
   * How often inbound items left without a retry job (a crash, an outage) are given one; 0 turns
   * this off. Each item's retries are then its own job, with the queue's backoff.
   */
  INTAKE_RETRY_MS: z.coerce.number().int().min(0).default(30_000),
  /** Bytes one address may hand to intake (portal, SMTP) per hour; 0 turns the quota off. */
  INTAKE_BYTES_PER_HOUR: z.coerce
    .number()
    .int()
    .min(0)
    .default(200 * 1024 * 1024),
  /**
   * Megabytes of large request bodies (uploads with files) one process reads and handles at once;
   * the next waits its turn (see http/body-budget). Each costs about four times its size meanwhile.
   */
  UPLOAD_MEMORY_MB: z.coerce.number().int().min(26).default(40),
  /** Days a refused or ignored raw item is kept (for the sender's questions and the intake queue); then deleted. */
  REFUSED_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  embeddedPgSharedBuffersMb: number | undefined;
  logLevel: string;
  dbPoolMax: number;
  dbAcquireTimeoutMs: number;
  demoCases: number;
  demoSeed: number;
  authSecret: string;
  tokenTtlHours: number;
  sweepIntervalMs: number;
  processRole: 'all' | 'web' | 'worker';
  jobConcurrency: number;
  jobLockStaleMs: number;
  backgroundPauseMs: number;
  listCountCap: number;
  maxPauseDays: number;
  officeClosesAt: string;
  publicRateLimit: number;
  statusLookupLimit: number;
  loginAttemptLimit: number;
  trustProxy: string | undefined;
  smtpIntakePort: number;
  intakeDomain: string;
  maxMailBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  replyMailbox: string;
  operator: { vi: string; en: string };
  zalo: ZaloConfig;
  intakeRetryMs: number;
  intakeBytesPerHour: number;
  uploadMemoryBytes: number;
  refusedRetentionDays: number;
}

/** The ORM's pool as configured: its size, and how long a request may wait for a connection. */
export function ormPoolOptions(config: Pick<Config, 'dbPoolMax' | 'dbAcquireTimeoutMs'>) {
  return {
    pool: { min: 0, max: config.dbPoolMax },
    driverOptions: { connectionTimeoutMillis: config.dbAcquireTimeoutMs },
  };
}

export interface ZaloConfig {
  /** Absent: start the fake Zalo server and point the client at it (never in production). */
  apiBase: string | undefined;
  oauthBase: string | undefined;
  defaultOa: {
    appId: string;
    oaId: string;
    oaSecretKey: string;
    appSecret: string;
    unitCode: string;
    refreshToken: string | undefined;
  } | null;
}

/** Secrets anyone could guess: published defaults, and strings too uniform to be random. */
function weakSecretReason(secret: string): string | null {
  if (/caunoi|secret|password|changeme|example/i.test(secret))
    return 'must not contain a dictionary word such as "secret"';
  if (new Set(secret).size < 12) return 'must be random (at least 12 different characters)';
  return null;
}

/**
 * Development keeps one secret per data directory, made on first start: tokens and status links
 * survive restarts, and no two machines share a published default. Tests take a fresh one per
 * process unless they set AUTH_SECRET.
 */
function developmentAuthSecret(nodeEnv: string, dataDir: string): string {
  if (nodeEnv === 'test') return TEST_AUTH_SECRET;
  const file = join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process starting at the same moment made it first: theirs is the one.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

const TEST_AUTH_SECRET = randomBytes(32).toString('base64url');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && (!c.ZALO_API_BASE || !c.ZALO_OAUTH_BASE) && c.ZALO_OA_ID) {
    throw new Error(
      'Invalid configuration:\n  ZALO_API_BASE, ZALO_OAUTH_BASE: required in production when a Zalo OA is configured (the fake Zalo server is for development)',
    );
  }
  if (c.NODE_ENV === 'production' && !c.AUTH_SECRET)
    throw new Error('Invalid configuration:\n  AUTH_SECRET: required in production (32+ random characters)');
  const weak = c.AUTH_SECRET && c.NODE_ENV === 'production' ? weakSecretReason(c.AUTH_SECRET) : null;
  if (weak)
    throw new Error(
      `Invalid configuration:\n  AUTH_SECRET: ${weak}; make one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`,
    );
  const dataDir = resolveDataDir(c.DATA_DIR, env);
  return {
    nodeEnv: c.NODE_ENV,
    isProduction: c.NODE_ENV === 'production',
    host: c.HOST ?? (c.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port: c.PORT,
    publicUrl: c.PUBLIC_URL,
    databaseUrl: c.DATABASE_URL,
    dataDir,
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    embeddedPgSharedBuffersMb: c.EMBEDDED_PG_SHARED_BUFFERS_MB,
    logLevel: c.LOG_LEVEL,
    dbPoolMax: c.DB_POOL_MAX,
    dbAcquireTimeoutMs: c.DB_ACQUIRE_TIMEOUT_MS,
    demoCases: c.DEMO_CASES,
    demoSeed: c.DEMO_SEED,
    authSecret: c.AUTH_SECRET ?? developmentAuthSecret(c.NODE_ENV, dataDir),
    tokenTtlHours: c.TOKEN_TTL_HOURS,
    sweepIntervalMs: c.SWEEP_INTERVAL_MS,
    processRole: c.PROCESS_ROLE,
    jobConcurrency: c.JOB_CONCURRENCY,
    jobLockStaleMs: c.JOB_LOCK_STALE_MS,
    backgroundPauseMs: c.BACKGROUND_PAUSE_MS,
    listCountCap: c.LIST_COUNT_CAP,
    maxPauseDays: c.MAX_PAUSE_DAYS,
    officeClosesAt: c.OFFICE_CLOSES_AT,
    publicRateLimit: c.PUBLIC_RATE_LIMIT,
    statusLookupLimit: c.STATUS_LOOKUP_LIMIT,
    loginAttemptLimit: c.LOGIN_ATTEMPT_LIMIT,
    trustProxy: c.TRUST_PROXY,
    smtpIntakePort: c.SMTP_INTAKE_PORT,
    intakeDomain: c.INTAKE_DOMAIN.toLowerCase(),
    maxMailBytes: c.MAX_MAIL_BYTES,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM ?? `CauNoi <noreply@${c.INTAKE_DOMAIN.toLowerCase()}>`,
    replyMailbox: c.REPLY_MAILBOX ?? `gopy@${c.INTAKE_DOMAIN.toLowerCase()}`,
    operator: { vi: c.PORTAL_OPERATOR, en: c.PORTAL_OPERATOR_EN },
    zalo: {
      apiBase: c.ZALO_API_BASE,
      oauthBase: c.ZALO_OAUTH_BASE,
      defaultOa:
        c.ZALO_APP_ID && c.ZALO_OA_ID && c.ZALO_OA_SECRET_KEY && c.ZALO_APP_SECRET && c.ZALO_OA_UNIT
          ? {
              appId: c.ZALO_APP_ID,
              oaId: c.ZALO_OA_ID,
              oaSecretKey: c.ZALO_OA_SECRET_KEY,
              appSecret: c.ZALO_APP_SECRET,
              unitCode: c.ZALO_OA_UNIT,
              refreshToken: c.ZALO_REFRESH_TOKEN,
            }
          : null,
    },
    intakeRetryMs: c.INTAKE_RETRY_MS,
    intakeBytesPerHour: c.INTAKE_BYTES_PER_HOUR,
    uploadMemoryBytes: c.UPLOAD_MEMORY_MB * 1024 * 1024,
    refusedRetentionDays: c.REFUSED_RETENTION_DAYS,
  };
}
