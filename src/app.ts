import { ConversationState, UserState } from 'botbuilder';
import type { Server } from 'restify';
import { SupportBot } from '../dialogs/index.js';
import { agentRateLimit, mountAgentSide } from './agentApi/index.js';
import {
  callerPolicy,
  createAdapter,
  directLineRetention,
  messageLengthLimit,
  mountDirectLine,
  mountMessagesRoute,
  rateLimit,
  replyBudget,
  setUpHandoff,
  turnGuard,
  turnMetrics,
} from './channels/index.js';
import type { Config } from './config.js';
import { attachmentRetention, createAttachmentService } from './attachments/index.js';
import { createCannedReplyStore } from './cannedReplies/index.js';
import { mountArticlePages } from './articleView/index.js';
import { createConversationServices } from './conversationServices.js';
import { handoffMetrics, transcriptRetention } from './handoff/index.js';
import { createIdentityService, identityRetention } from './identity/index.js';
import { createServer, mountClientStrings, mountUnsubscribePage, mountWidgetStatus } from './http/index.js';
import type { Logger } from './logger.js';
import { createMetrics, type GaugeSource } from './metrics.js';
import { selfHelpMetrics } from './selfHelp/index.js';
import { seedSampleIncidents } from './serviceHealth/index.js';
import { isCloud } from './support/index.js';
import { outboxRetention, startOutboxDispatcher, type OutboxConsumer, type OutboxDispatcher } from './outbox/index.js';
import { createCodeMailer, notificationsConsumer, readUnsubscribeToken, startNotificationSender, ticketNotifications, unsubscribe, type NotificationSender } from './notifications/index.js';
import { createWebhookDeliveries, createWebhookEndpoints, startWebhookWorker, webhookMetrics, webhooksConsumer, type WebhookWorker } from './webhooks/index.js';
import { createInsightsReader, ensureReportZone, insightsConsumer, startAbandonJob } from './insights/index.js';
import { botStateRetention, DatabaseStorage, openDatabase, startRetentionJob, type Db, type RetentionStep } from './storage/index.js';
import { ticketMetrics } from './tickets/index.js';

export interface App {
  server: Server;
  db: Db;
  /** The transactional outbox's consumers at work (tests drain it to see every consequence of a change). */
  outbox: OutboxDispatcher;
  /** Base URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Use this database instead of opening the configured one (tests). It is not closed by close(). */
  db?: Db;
  /**
   * The configured database, already being opened (see main.ts: opening it while the modules load
   * shortens start-up). Owned by the app: close() closes it.
   */
  opening?: Promise<Db>;
  /** Sending time a turn may use before the rest of its replies go out after it (tests shorten it). */
  replyBudgetMs?: number;
}

/**
 * The modules that keep personal data, each with its own retention step; a new module with personal
 * data adds its step here.
 */
export const retentionSteps = (db: Db, attachmentsDir?: string): RetentionStep[] => [
  transcriptRetention(db),
  directLineRetention(db),
  botStateRetention(db),
  identityRetention(db),
  attachmentRetention(db, { dir: attachmentsDir }),
  outboxRetention(db, () => outboxConsumers().map((c) => c.name)),
];

/**
 * The modules that act on what happened to requests (webhooks, email, insights), each reading the
 * transactional outbox (src/outbox/) with its own cursor; a new one adds its consumer here.
 */
/** English article titles by id (the insights' closest article to a knowledge gap). */
function articleTitles(knowledge: { articles: readonly { id: string; title: string }[] }): (id: string) => string | undefined {
  const titles = new Map(knowledge.articles.map((a) => [a.id, a.title]));
  return (id) => titles.get(id);
}

export const outboxConsumers = (wiring: { webhooks?: WebhookWorker; notifications?: NotificationSender; insightsTimeZone?: string } = {}): OutboxConsumer[] => [
  insightsConsumer({ timeZone: wiring.insightsTimeZone }),
  webhooksConsumer(() => wiring.webhooks?.wake()),
  notificationsConsumer(() => wiring.notifications?.wake()),
];

/** Each module's own figures for /metrics. */
export const metricSources = (db: Db): GaugeSource[] => [ticketMetrics(db), selfHelpMetrics(db), handoffMetrics(db), webhookMetrics(db)];

/** Composition root: opens the database, wires the bot, starts listening. */
export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  if (config.localMode) {
    log.warn('MicrosoftAppId is empty: running in local mode, inbound authentication is OFF. Set MicrosoftAppId and MicrosoftAppPassword before exposing this server.');
  }
  const db = options.db ?? (await (options.opening ?? openDatabase(config)));
  const storage = new DatabaseStorage(db);
  const metrics = createMetrics(metricSources(db));
  const adapter = createAdapter(config, log, { onError: (context) => metrics.turnFailed(context.activity.channelId) });
  const conversationState = new ConversationState(storage);
  const guard = turnGuard(db, { conversationState });
  adapter.use(turnMetrics(metrics));
  adapter.use(rateLimit({ burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND }));
  adapter.use(guard);
  // Before the transcript middleware, so replies sent after the turn are logged once, by their own turn.
  adapter.use(replyBudget({ adapter, appId: config.MicrosoftAppId ?? '', log, budgetMs: options.replyBudgetMs }));
  adapter.use(messageLengthLimit());
  const pruning = setInterval(() => void guard.pruneOld().catch((err) => log.warn({ err }, 'pruning processed activity ids failed')), 60 * 60 * 1000);
  pruning.unref();
  // After the guard: a redelivered activity the guard drops is not logged twice.
  const handoff = await setUpHandoff({ config, db, adapter, log });
  const retention = startRetentionJob({ steps: retentionSteps(db, config.ATTACHMENTS_DIR), retentionDays: config.TRANSCRIPT_RETENTION_DAYS, log });
  // The insights' days follow INSIGHTS_TIME_ZONE (recounted when it changed); silent cases become abandoned.
  if (await ensureReportZone(db, config.INSIGHTS_TIME_ZONE)) log.info({ zone: config.INSIGHTS_TIME_ZONE }, 'insights: days recounted in the new reporting time zone');
  const abandon = startAbandonJob({ db, abandonAfterMinutes: config.CASE_ABANDON_MINUTES, log });
  // The widget's verified contacts and ownership codes (src/identity/) beside the conversation's other services.
  // Links to this server's own pages: PUBLIC_URL, or in local mode the address it listens on (known once listening).
  const listening: { url?: string } = {};
  const services = {
    ...createConversationServices(db, config, undefined, handoff.wiring),
    publicBaseUrl: () => config.PUBLIC_URL ?? (config.localMode ? listening.url : undefined),
    // One-time codes go by email to the address on the request when a mail server is set (src/notifications/).
    identity: createIdentityService(db, undefined, { mailCode: createCodeMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }), log }),
    // Files admins and agents send (src/attachments/): the bot, the widget's uploads and the agent API share them.
    attachments: createAttachmentService(db, {
      dir: config.ATTACHMENTS_DIR,
      allowLoopbackUrls: config.localMode,
      limits: { maxBytes: config.ATTACHMENT_MAX_BYTES, maxPerMessage: config.ATTACHMENT_MAX_PER_MESSAGE, maxPerTicket: config.ATTACHMENT_MAX_PER_TICKET },
    }),
  };
  // What follows a committed change (webhooks, email, insights' figures): woken by every ticket change
  // and handoff event of this instance, and polling for those of other instances.
  const webhookPolicy = { allowHttp: config.WEBHOOK_ALLOW_HTTP, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS };
  const webhooks = startWebhookWorker({
    db,
    log,
    policy: webhookPolicy,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    retry: { baseSeconds: config.WEBHOOK_RETRY_BASE_SECONDS, maxSeconds: config.WEBHOOK_RETRY_MAX_SECONDS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS },
  });
  // Email to admins who are away from the chat (src/notifications/): after a change, when no newer update joins it.
  const directLineEndpoint: { current?: { hasOpenStream(conversationId: string): boolean } } = {};
  const notifications = startNotificationSender({
    db,
    log,
    mail: { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM },
    digestSeconds: config.NOTIFY_DIGEST_SECONDS,
    awayMinutes: config.NOTIFY_AWAY_MINUTES,
    retryBaseSeconds: config.NOTIFY_RETRY_BASE_SECONDS,
    lastFromAdmin: (conversationId) => services.transcripts.lastFromAdmin(conversationId),
    // A widget with its stream open on the conversation: the admin reads the update there.
    chatOpen: (conversationId) => directLineEndpoint.current?.hasOpenStream(conversationId) ?? false,
    agentNames: () => services.agents.names(),
    publicBaseUrl: () => services.publicBaseUrl(),
  });
  const outbox = startOutboxDispatcher({ db, consumers: outboxConsumers({ webhooks, notifications, insightsTimeZone: config.INSIGHTS_TIME_ZONE }), log });
  services.tickets.onChange(() => outbox.wake());
  handoff.events.subscribe(() => outbox.wake());
  if (config.localMode && !config.DATABASE_URL && config.SEED_SAMPLE_INCIDENTS) {
    const seeded = await seedSampleIncidents(services.incidents);
    if (seeded) log.info({ seeded }, 'seeded sample service-health incidents (local mode; SEED_SAMPLE_INCIDENTS=false turns this off)');
  }
  const bot = new SupportBot(conversationState, new UserState(storage), services);
  const { server, upgrades } = createServer({ db, log, metrics: metrics.registry, metricsToken: config.METRICS_TOKEN });
  mountMessagesRoute(server, { adapter, bot, callers: callerPolicy(config), log });
  const directLine = await mountDirectLine(server, { config, adapter, bot, db, log, upgrades, attachments: services.attachments });
  directLineEndpoint.current = directLine;
  // The widget's own texts in the page's language, before it draws anything.
  mountClientStrings(server);
  // The link in every notification email: stop emails about one request.
  mountUnsubscribePage(server, { read: (token) => readUnsubscribeToken(db, token), unsubscribe: (number, recipient) => unsubscribe(db, number, recipient) });
  // "Read the article" from an article card: the whole article as a sanitised page.
  mountArticlePages(server, services.knowledge);
  // What the widget's header says: agents online, the wait to reach one, the admin's support hours.
  mountWidgetStatus(server, ({ cloud, ...query }) => services.availability.current({ ...query, cloud: cloud && isCloud(cloud) ? cloud : undefined }));
  const agentSide = mountAgentSide(server, services, handoff.wiring, {
    rateLimit: agentRateLimit({ burst: config.AGENT_RATE_LIMIT_BURST, perSecond: config.AGENT_RATE_LIMIT_PER_SECOND }),
    cannedReplies: createCannedReplyStore(db),
    ownership: services.identity.ownership,
    webhooks: { endpoints: createWebhookEndpoints(db, webhookPolicy), deliveries: createWebhookDeliveries(db), wake: () => webhooks.wake() },
    notifications: { list: (number) => ticketNotifications(db, number), mailServer: !!config.SMTP_URL },
    insights: { reader: createInsightsReader(db), timeZone: config.INSIGHTS_TIME_ZONE, articleTitle: articleTitles(services.knowledge) },
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
  } catch (err) {
    await outbox.stop();
    await webhooks.stop();
    await notifications.stop();
    await retention.stop();
    await abandon.stop();
    await handoff.close();
    if (!options.db) await db.close();
    throw err;
  }
  const address = server.address();
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${address.port}`;
  log.info({ url, database: db.kind }, 'support assistant listening');
  directLine.setBaseUrl(url);
  listening.url = url;

  let closed = false;
  return {
    server,
    db,
    outbox,
    url,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruning);
      await retention.stop();
      await abandon.stop();
      await directLine.close();
      agentSide.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await outbox.stop();
      await webhooks.stop();
      await notifications.stop();
      await handoff.close();
      if (!options.db) await db.close();
    },
  };
}
