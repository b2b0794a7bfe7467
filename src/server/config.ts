import { z } from 'zod';

/**
 * Every setting the server reads from the environment, parsed once at start.
 * A bad value stops the process with one line that names the variable, so a
 * typo never turns into a confusing failure later.
 */
const roleSchema = z.enum(['web', 'worker', 'all']);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ error: 'expected a URL such as https://example.com' }).optional())
  .optional();

const integer = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int({ error: `expected a whole number from ${min} to ${max}` })
    .min(min, { error: `expected a whole number from ${min} to ${max}` })
    .max(max, { error: `expected a whole number from ${min} to ${max}` })
    .default(fallback);

const postgresUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .refine((value) => value === undefined || /^postgres(ql)?:\/\/.+/.test(value), {
    error: 'expected a URL such as postgres://user:password@host:5432/database',
  })
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  ROLE: roleSchema.default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: integer(10, 1, 200),
  EMBEDDED_PG_PORT: integer(54329, 1, 65535),
  SESSION_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, {
    error: 'expected at least 32 characters',
  }),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      if (value === 'true') return true;
      if (value === 'false') return false;
      if (/^\d+$/.test(value)) return Number(value);
      if (value.trim() !== '') return value;
      ctx.addIssue({
        code: 'custom',
        message: 'expected true, false, a hop count or a subnet list',
      });
      return z.NEVER;
    }),
  TOKEN_ENCRYPTION_KEYS: optionalText,
  META_MODE: z.enum(['live', 'sandbox']).optional(),
  META_GRAPH_URL: optionalUrl,
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, { error: 'expected a version such as v21.0' })
    .default('v21.0'),
  META_APP_ID: optionalText,
  META_APP_SECRET: optionalText,
  META_TIMEOUT_MS: integer(20000, 1000, 120000),
  /** Where the Facebook Login dialog lives (a fake Graph server in tests). */
  META_LOGIN_URL: optionalUrl,
  PUBLIC_URL: optionalUrl,
  PUBLISH_TICK: z
    .string()
    .default('*/5 * * * * *')
    .refine((value) => value.trim().split(/\s+/).length >= 5, {
      error: 'expected a cron pattern such as "*/5 * * * * *"',
    }),
  PUBLISH_BATCH: integer(20, 1, 1000),
  PUBLISH_CONCURRENCY: integer(4, 1, 100),
  PUBLISH_LEASE_SECONDS: integer(120, 5, 3600),
  PUBLISH_MAX_ATTEMPTS: integer(5, 1, 50),
  PUBLISH_RETRY_BASE_SECONDS: integer(30, 1, 3600),
  PUBLISH_RETRY_CAP_SECONDS: integer(1800, 1, 86400),
  PUBLISH_STOP_SECONDS: integer(20, 0, 600),
  // Test-only: the worker SIGKILLs itself right after a successful publishing call to this
  // platform, before recording it, to prove crash recovery. Never set outside tests.
  TEST_ONLY_CRASH_AFTER_PUBLISH_CALL: z.enum(['facebook', 'instagram']).optional(),
  API_TOKEN_RATE_PER_MINUTE: integer(600, 1, 1_000_000),
  WEBHOOK_TICK: z
    .string()
    .default('*/2 * * * * *')
    .refine((value) => value.trim().split(/\s+/).length >= 5, {
      error: 'expected a cron pattern such as "*/2 * * * * *"',
    }),
  WEBHOOK_BATCH: integer(10, 1, 500),
  WEBHOOK_TIMEOUT_MS: integer(10_000, 100, 120_000),
  WEBHOOK_MAX_ATTEMPTS: integer(10, 1, 50),
  WEBHOOK_RETRY_BASE_SECONDS: integer(30, 1, 3600),
  WEBHOOK_RETRY_CAP_SECONDS: integer(6 * 3600, 1, 7 * 86400),
  WEBHOOK_PRIVATE_ADDRESSES: z
    .enum(['block', 'allow'], { error: 'expected block or allow' })
    .optional(),
  AI_PROVIDERS: optionalText,
  AI_TIMEOUT_MS: integer(30000, 1000, 300000),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: z.string().default('claude-sonnet-4-5'),
});

export type Config = z.infer<typeof envSchema>;
export type Role = z.infer<typeof roleSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment into a typed config.
 *
 * @example
 *   const config = parseConfig(process.env); // throws ConfigError naming the variable
 */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = envSchema.safeParse(env);

  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? '')})`);
  }

  const config = result.data;

  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET: required in production (at least 32 random characters)');
  }

  return config;
}

export function runsWorker(config: Config): boolean {
  return config.ROLE === 'worker' || config.ROLE === 'all';
}

/**
 * Whether webhook deliveries may go to loopback, private and link-local
 * addresses (a cloud's metadata service among them). Blocked in production
 * unless WEBHOOK_PRIVATE_ADDRESSES=allow; allowed elsewhere, for local receivers.
 */
export function blocksPrivateWebhooks(config: Config): boolean {
  return (
    (config.WEBHOOK_PRIVATE_ADDRESSES ?? (config.NODE_ENV === 'production' ? 'block' : 'allow')) ===
    'block'
  );
}

export function runsWeb(config: Config): boolean {
  return config.ROLE === 'web' || config.ROLE === 'all';
}
