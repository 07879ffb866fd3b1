import { join, resolve } from 'node:path';

export type AppRole = 'all' | 'api' | 'worker';

/** Validated process configuration. Read once at boot; a bad value stops the process naming the variable. */
export interface AppConfig {
  nodeEnv: string;
  role: AppRole;
  port: number;
  publicUrl: string;
  dataDir: string;
  /** undefined: start embedded PostgreSQL in dataDir */
  databaseUrl?: string;
  /** undefined: BullMQ runs on its PostgreSQL backend in the same database */
  redisUrl?: string;
  /** undefined: mail is written as .eml files under dataDir/mail */
  smtpUrl?: string;
  mailFrom: string;
  jwtSecret?: string;
  jwtTtlSeconds: number;
  signingKeyFile: string;
  /**
   * Append-only log of each round's hash-chain head, written outside the database after every seal
   * (CHAIN_HEAD_LOG_FILE): verification checks the stored chain against it, so the newest seals
   * deleted together with their audit rows are still noticed.
   */
  chainHeadLogFile: string;
  demoMode: boolean;
  queuePrefix: string;
  logLevel: string;
  /** the office's corrections to the working-day calendar (JSON: [{ date, workday, note? }]) */
  calendarOverridesFile: string;
  /** a year the holiday calendar does not know: refuse ('reject') or count Monday–Friday ('assume-weekdays') */
  calendarUnknownYears: 'reject' | 'assume-weekdays';
  /** requests per minute and client address before 429 (a whole office may share one address) */
  throttlePerMinute: number;
  /** seconds between outbox relay sweeps (the relay also runs right after each commit) */
  outboxSweepSeconds: number;
  /** mail delivery under faults (libs/mail) */
  mail: MailDeliveryConfig;
  /** bearer token for /metrics (undefined: only the allow-list gets in) */
  metricsToken?: string;
  /** client addresses that may read /metrics without the token (default loopback only) */
  metricsAllow: string[];
  /** worker role: port of its own health (and metrics) server; undefined = none */
  workerHealthPort?: number;
  /** only reminders due within this many minutes are delayed jobs in the queue; the rest wait in PostgreSQL */
  reminderHorizonMinutes: number;
  /** reminders a firing job claims at once when many fall due together */
  reminderBatchSize: number;
  /** SMTP connections kept open (nodemailer pool maxConnections) */
  smtpPoolSize: number;
  /** messages sent over one SMTP connection before it is replaced (nodemailer pool maxMessages) */
  smtpMaxMessages: number;
}

export interface MailDeliveryConfig {
  /** how long a failing mail is retried (capped backoff) before it is marked failed: MAIL_RETRY_HOURS */
  retryHours: number;
  /** longest wait between two attempts of one mail: MAIL_RETRY_MAX_DELAY_SECONDS */
  maxDelaySeconds: number;
  /** a claim ('sending') lasts this long; past it the mail is re-sent with the same Message-ID: MAIL_LEASE_SECONDS */
  leaseSeconds: number;
  /** seconds between sweeps that re-queue unfinished mail whose job is gone: MAIL_SWEEP_SECONDS */
  sweepSeconds: number;
  /** while the SMTP server is unreachable, sending pauses and is probed this often: MAIL_PROBE_SECONDS */
  probeSeconds: number;
}

/** pino's levels (plus silent): anything else is a typo that would silently log at info. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Secrets that were ever written in an example, a compose file or a README: never in production. */
const PLACEHOLDER_SECRETS = [/change[-_ ]?me/i, /^secret$/i, /^changeit$/i, /^password$/i, /placeholder/i, /^x+$/i, /example/i, /please[-_ ]?change/i, /^dev[-_]?secret/i, /^zq[-_]?dev/i, /replace[-_ ]?(me|this|with)/i];

function refusePlaceholder(name: string, value: string | undefined): void {
  if (value && PLACEHOLDER_SECRETS.some((r) => r.test(value))) {
    throw new ConfigError(name, '是示例/占位值，生产环境请换成随机串（如 openssl rand -base64 48）');
  }
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`配置错误 ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

function parseUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[], example: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `无法解析的地址（应形如 ${example}）`);
  }
  if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `协议应为 ${protocols.join(' 或 ')}（应形如 ${example}），实际为 ${url.protocol}`);
  }
  if (!url.hostname) throw new ConfigError(name, `缺少主机名（应形如 ${example}）`);
  return raw;
}

function parseInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, meaning?: string): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const what = meaning ? `（${meaning}）` : '';
  // "-1" is a number, only not an allowed one: say the range, not "not an integer"
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `应为整数${what}，实际为 "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    const hint = value < 0 ? '；不能用负数（例如 -1）表示“不限”，请直接写上限' : '';
    throw new ConfigError(name, `应在 ${min} 到 ${max} 之间${what}，实际为 ${value}${hint}`);
  }
  return value;
}

function parseDecimal(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new ConfigError(name, `应为数字，实际为 "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `应在 ${min} 到 ${max} 之间，实际为 ${value}`);
  return value;
}

function parseBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `应为 true 或 false，实际为 "${raw}"`);
}

function parseChoice<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!choices.includes(raw as T)) throw new ConfigError(name, `应为 ${choices.length > 2 ? choices.join('、') + ' 之一' : choices.join(' 或 ')}，实际为 "${raw}"`);
  return raw as T;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  const role = (env.APP_ROLE?.trim() || 'all') as AppRole;
  if (!['all', 'api', 'worker'].includes(role)) throw new ConfigError('APP_ROLE', `应为 all、api 或 worker，实际为 "${role}"`);
  const port = parseInteger(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(env.DATA_DIR?.trim() || '.data');
  const databaseUrl = parseUrl(env, 'DATABASE_URL', ['postgres', 'postgresql'], 'postgres://user:password@host:5432/dbname');
  const redisUrl = parseUrl(env, 'REDIS_URL', ['redis', 'rediss'], 'redis://host:6379');
  const smtpUrl = parseUrl(env, 'SMTP_URL', ['smtp', 'smtps'], 'smtp://user:password@host:587');
  const production = nodeEnv === 'production';
  const jwtSecret = env.JWT_SECRET?.trim() || undefined;
  if (production && !jwtSecret) throw new ConfigError('JWT_SECRET', '生产环境必须设置（至少 32 个字符的随机串）');
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', `至少 32 个字符，实际 ${jwtSecret.length} 个`);
  if (production) refusePlaceholder('JWT_SECRET', jwtSecret);
  const sweepSeconds = parseInteger(env, 'OUTBOX_SWEEP_SECONDS', 5, 1, 3600);
  const horizonMinutes = parseInteger(env, 'REMINDER_HORIZON_MINUTES', 30, 1, 7 * 24 * 60);
  if (horizonMinutes * 60 < 2 * sweepSeconds) {
    throw new ConfigError('REMINDER_HORIZON_MINUTES', `应至少是两次定时扫描的间隔（OUTBOX_SWEEP_SECONDS=${sweepSeconds}），否则提醒可能在进入队列前就已到期`);
  }
  if (role !== 'all' && !databaseUrl) throw new ConfigError('DATABASE_URL', `APP_ROLE=${role} 时必须设置（内置数据库只在 all 模式下启动）`);
  const demoMode = parseBoolean(env, 'DEMO_MODE', !databaseUrl);
  if (production && demoMode && !parseBoolean(env, 'ALLOW_DEMO_IN_PRODUCTION', false)) {
    throw new ConfigError('DEMO_MODE', '生产环境不能开启演示模式（演示账号的密码人人皆知）；确需演示时另设 ALLOW_DEMO_IN_PRODUCTION=true');
  }
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN', `至少 16 个字符，实际 ${metricsToken.length} 个`);
  if (production) refusePlaceholder('METRICS_TOKEN', metricsToken);
  const logLevel = parseChoice(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info');
  if (production && !smtpUrl && !parseBoolean(env, 'MAIL_TO_FILES', false)) {
    throw new ConfigError('SMTP_URL', '生产环境必须设置（否则邮件只写成 DATA_DIR/mail 下的 .eml 文件，不会发出）；确需如此另设 MAIL_TO_FILES=true');
  }
  return {
    nodeEnv,
    role,
    port,
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl,
    redisUrl,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || '省美丽城镇办 <noreply@example.org>',
    jwtSecret,
    jwtTtlSeconds: parseInteger(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    signingKeyFile: resolve(env.SIGNING_KEY_FILE?.trim() || join(dataDir, 'receipt-signing-key.pem')),
    chainHeadLogFile: resolve(env.CHAIN_HEAD_LOG_FILE?.trim() || join(dataDir, 'chain-heads.log')),
    demoMode,
    queuePrefix: env.QUEUE_PREFIX?.trim() || 'zq',
    logLevel,
    outboxSweepSeconds: sweepSeconds,
    reminderHorizonMinutes: horizonMinutes,
    reminderBatchSize: parseInteger(env, 'REMINDER_BATCH_SIZE', 500, 1, 10_000),
    smtpPoolSize: parseInteger(env, 'SMTP_POOL_SIZE', 5, 1, 100),
    smtpMaxMessages: parseInteger(env, 'SMTP_MAX_MESSAGES', 100, 1, 1_000_000),
    calendarOverridesFile: resolve(env.CALENDAR_OVERRIDES_FILE?.trim() || join(dataDir, 'calendar-overrides.json')),
    calendarUnknownYears: parseChoice(env, 'CALENDAR_UNKNOWN_YEARS', ['reject', 'assume-weekdays'] as const, 'reject'),
    throttlePerMinute: parseInteger(env, 'THROTTLE_PER_MINUTE', 6000, 10, 10_000_000, '每个客户端地址每分钟的请求数'),
    mail: {
      retryHours: parseDecimal(env, 'MAIL_RETRY_HOURS', 48, 0.001, 24 * 30),
      maxDelaySeconds: parseInteger(env, 'MAIL_RETRY_MAX_DELAY_SECONDS', 600, 1, 24 * 3600),
      leaseSeconds: parseInteger(env, 'MAIL_LEASE_SECONDS', 120, 1, 3600),
      sweepSeconds: parseInteger(env, 'MAIL_SWEEP_SECONDS', 30, 1, 3600),
      probeSeconds: parseInteger(env, 'MAIL_PROBE_SECONDS', 30, 1, 3600),
    },
    metricsToken,
    metricsAllow: (env.METRICS_ALLOW ?? '127.0.0.1,::1').split(',').map((a) => a.trim()).filter(Boolean),
    workerHealthPort: env.WORKER_HEALTH_PORT?.trim() ? parseInteger(env, 'WORKER_HEALTH_PORT', 0, 1, 65535) : undefined,
  };
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token for the JWT signing secret (from JWT_SECRET, or generated and kept in DATA_DIR). */
export const JWT_SECRET = Symbol('JWT_SECRET');
