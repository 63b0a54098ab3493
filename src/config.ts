import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * Every environment variable the assistant reads, parsed in one place. A bad value stops start-up with
 * one line naming the variable, so an operator never has to read a stack trace to fix a typo.
 */

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().trim().optional());
const csvList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v ?? []),
  z.array(z.string()),
);
const booleanFlag = (fallback: boolean) =>
  z.preprocess((v) => {
    if (v === undefined || v === '') return fallback;
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(s)) return true;
    if (['0', 'false', 'no', 'off'].includes(s)) return false;
    return v;
  }, z.boolean({ error: 'must be true or false' }));

export const configSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0-65535').max(65535, 'must be 0-65535').default(3978)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  /** Folder of the embedded database (PGlite). Ignored when DATABASE_URL is set. */
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  /**
   * Where the embedded database runs: `worker` (its own thread, so the second core does the database
   * work while turns run) or `main` (the server's thread). Ignored when DATABASE_URL is set.
   */
  PGLITE_THREAD: z.preprocess(emptyAsUndefined, z.enum(['worker', 'main']).default('main')),
  /** A PostgreSQL server; when set, state and tickets live there instead of the embedded database. */
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL').optional(),
  ),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(emptyAsUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: optionalString,
  /** OpenID metadata of the channel's token issuer; only for sovereign clouds or a test issuer. */
  BotOpenIdMetadata: z.preprocess(emptyAsUndefined, z.url({ error: 'must be a URL' }).optional()),
  /** The Teams app id written into the app package by `npm run package:teams`; defaults to MicrosoftAppId. */
  TEAMS_APP_ID: z.preprocess(
    emptyAsUndefined,
    z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID like 00000000-0000-0000-0000-000000000000').optional(),
  ),
  /** Entra object ids (aadObjectId) of people the assistant treats as admins of a business subscription. */
  ADMIN_AAD_OBJECT_IDS: csvList,
  /** Entra tenant ids whose members are all treated as admins (e.g. a tenant of IT staff only). */
  ADMIN_TENANT_IDS: csvList,
  /** Messages one conversation may send in a burst, and how fast the allowance refills (per second). */
  RATE_LIMIT_BURST: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(20)),
  RATE_LIMIT_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(2)),
  /** Seeds sample service-health incidents in local mode (no MicrosoftAppId) on the embedded database. */
  SEED_SAMPLE_INCIDENTS: booleanFlag(true),
  /**
   * Local mode only (no MicrosoftAppId): let other machines call /api/messages, which is then
   * unauthenticated. Off by default: only this machine (the Emulator) may. For private networks only.
   */
  LOCAL_MODE_ALLOW_REMOTE: booleanFlag(false),
  /**
   * Hosts the bot may reply to (an activity's serviceUrl), comma-separated, `*.example.com` for subdomains.
   * In local mode these are allowed besides this machine; with MicrosoftAppId set the channel token
   * vouches for the serviceUrl and this list, when given, narrows it further.
   */
  SERVICE_URL_ALLOWED_HOSTS: csvList,
  /**
   * The address people reach this server at (e.g. https://bot.example.com), for links to its own pages
   * (an article's "Read the article"). Without it only local mode links, to the address it listens on;
   * Teams gets the links only when this is https.
   */
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://bot.example.com' })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  ),
  /** Bearer token /metrics asks for; without it /metrics answers only this machine. */
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().trim().min(16, 'must be at least 16 characters').optional()),
  /** Other web sites allowed to embed the chat widget (comma-separated origins, `*` for any). The page's own origin always is. */
  WIDGET_ALLOWED_ORIGINS: csvList.pipe(
    z.array(z.string().refine((o) => o === '*' || /^https?:\/\/[^/\s]+$/i.test(o.replace(/\/$/, '')), 'must be origins like https://www.example.com, or *')),
  ),
  /**
   * Secret shared with the host site that signs its users' identity tokens (HS256, docs/identity.md);
   * without it the widget's users are anonymous visitors. At least 32 characters.
   */
  WIDGET_IDENTITY_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  /** When set, an identity token's `iss` (resp. `aud`) must be this value. */
  WIDGET_IDENTITY_ISSUER: optionalString,
  WIDGET_IDENTITY_AUDIENCE: optionalString,
  /** Direct Line secret of the Azure Bot resource: the widget then gets short-lived tokens from Azure (production mode). */
  DIRECT_LINE_SECRET: optionalString,
  /** The Azure Direct Line service (a regional endpoint, or a local fake in tests). */
  DIRECT_LINE_ENDPOINT: z.preprocess(emptyAsUndefined, z.url({ error: 'must be a URL' }).default('https://directline.botframework.com')),
  /** Seconds between keep-alive messages on widget WebSockets; keep it below your proxy's idle timeout. */
  DIRECT_LINE_KEEPALIVE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-3600').max(3600, 'must be 1-3600').default(15)),
  /** Limits of one web chat client on the embedded Direct Line endpoint (see docs/widget-and-direct-line.md). */
  DIRECT_LINE_MAX_ACTIVITY_KB: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-256').max(256, 'must be 1-256').default(32)),
  DIRECT_LINE_POST_BURST: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(30)),
  DIRECT_LINE_POSTS_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(2)),
  DIRECT_LINE_CLIENT_QUOTA_KB: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(64, 'must be at least 64').default(1024)),
  DIRECT_LINE_NEW_CONVERSATION_BURST: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(60)),
  DIRECT_LINE_NEW_CONVERSATIONS_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(0.5)),
  /** Minutes after an agent's last API call (an open console counts as a call every 30 s) that they still count as online. */
  AGENT_ONLINE_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-1440').max(1440, 'must be 1-1440').default(5)),
  /** Requests one agent token may make to the agent API in a burst, and how fast that refills (per second). */
  AGENT_RATE_LIMIT_BURST: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').default(60)),
  AGENT_RATE_LIMIT_PER_SECOND: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(5)),
  /** Days the conversation transcripts (for agents) are kept; older activities are deleted daily. */
  TRANSCRIPT_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-3650').max(3650, 'must be 1-3650').default(90)),
  /** Files admins and agents send (docs/attachments.md): bytes per file, files per message, files per ticket. */
  ATTACHMENT_MAX_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1024, 'must be 1024-104857600').max(104857600, 'must be 1024-104857600').default(10 * 1024 * 1024)),
  ATTACHMENT_MAX_PER_MESSAGE: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-20').max(20, 'must be 1-20').default(5)),
  ATTACHMENT_MAX_PER_TICKET: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-500').max(500, 'must be 1-500').default(20)),
  /** A folder for the files' bytes instead of the database (every instance must share it). */
  ATTACHMENTS_DIR: optionalString,
  /** Email notifications to admins (docs/notifications.md): the mail server (smtp:// or smtps://) and the sender. */
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL').optional()),
  MAIL_FROM: optionalString,
  /** Updates within this many seconds of a request's first unsent one go out as one mail. */
  NOTIFY_DIGEST_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).min(0, 'must be 0-3600').max(3600, 'must be 0-3600').default(120)),
  /** An admin who wrote in the chat within this many minutes saw the update there: no email. */
  NOTIFY_RETRY_BASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(3600, 'must be at most 3600').default(30)),
  NOTIFY_AWAY_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).min(0, 'must be 0-1440').max(1440, 'must be 0-1440').default(5)),
  /** Insights (docs/insights.md): the day every figure is counted in, and when a silent case counts as abandoned. */
  INSIGHTS_TIME_ZONE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((zone) => DateTime.local().setZone(zone).isValid, 'must be an IANA time zone such as Europe/Berlin')
      .default('UTC'),
  ),
  CASE_ABANDON_MINUTES: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-10080').max(10080, 'must be 1-10080').default(30)),
  /** Signed webhooks to the team's own systems (docs/webhooks.md). */
  WEBHOOK_ALLOW_HTTP: booleanFlag(false),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: booleanFlag(false),
  WEBHOOK_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(500, 'must be 500-60000').max(60000, 'must be 500-60000').default(10_000)),
  WEBHOOK_RETRY_BASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(3600, 'must be at most 3600').default(30)),
  WEBHOOK_RETRY_MAX_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(86400, 'must be at most 86400').default(6 * 3600)),
  WEBHOOK_MAX_ATTEMPTS: z.preprocess(emptyAsUndefined, z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1-50').max(50, 'must be 1-50').default(12)),
});

export type Config = z.infer<typeof configSchema> & {
  /** True when no app id is configured: inbound authentication is off (Emulator, local widget). */
  localMode: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const raw = env[name];
    const shown = name.toLowerCase().includes('password') || name.includes('SECRET') || name.includes('TOKEN') || name.includes('URL') ? '' : raw === undefined ? '' : ` (got "${raw}")`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
  }
  const cfg = parsed.data;
  if (cfg.SMTP_URL && !cfg.MAIL_FROM) {
    throw new ConfigError('Invalid configuration: MAIL_FROM is needed with SMTP_URL (the sender of notifications, e.g. "Contoso Support <support@contoso.com>")');
  }
  if (cfg.MicrosoftAppId && !cfg.MicrosoftAppPassword && cfg.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid configuration: MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (cfg.MicrosoftAppType === 'SingleTenant' && cfg.MicrosoftAppId && !cfg.MicrosoftAppTenantId) {
    throw new ConfigError('Invalid configuration: MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant');
  }
  return { ...cfg, localMode: !cfg.MicrosoftAppId };
}
