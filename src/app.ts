import { ConversationState, UserState } from 'botbuilder';
import type { Server } from 'restify';
import { createAdapter } from './channels/adapter.js';
import { messageLengthLimit } from './channels/messageLength.js';
import { rateLimit } from './channels/rateLimit.js';
import { replyBudget } from './channels/replyBudget.js';
import { turnGuard } from './channels/turnGuard.js';
import { createMetrics } from './metrics.js';
import { SupportBot } from '../dialogs/supportBot.js';
import type { Config } from './config.js';
import { createConversationServices } from './conversationServices.js';
import { mountDirectLine } from './channels/directline/index.js';
import { agentRateLimit, mountAgentSide } from './agentApi/index.js';
import { setUpHandoff } from './handoff/setup.js';
import type { Logger } from './logger.js';
import { createServer } from './http/server.js';
import type { Db } from './storage/db.js';
import { openDatabase } from './storage/openDatabase.js';
import { DatabaseStorage } from './storage/stateStorage.js';
import { seedSampleIncidents } from './serviceHealth/sampleIncidents.js';
import { startRetentionJob } from './storage/retention.js';

export interface App {
  server: Server;
  db: Db;
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

/** Composition root: opens the database, wires the bot, starts listening. */
export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  if (config.localMode) {
    log.warn('MicrosoftAppId is empty: running in local mode, inbound authentication is OFF. Set MicrosoftAppId and MicrosoftAppPassword before exposing this server.');
  }
  const db = options.db ?? (await (options.opening ?? openDatabase(config)));
  const storage = new DatabaseStorage(db);
  const metrics = createMetrics(db);
  const adapter = createAdapter(config, log, (context) => metrics.turnFailed(context.activity.channelId));
  const conversationState = new ConversationState(storage);
  const guard = turnGuard(db, { conversationState });
  adapter.use(metrics.middleware);
  adapter.use(rateLimit({ burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND }));
  adapter.use(guard);
  // Before the transcript middleware, so replies sent after the turn are logged once, by their own turn.
  adapter.use(replyBudget({ adapter, appId: config.MicrosoftAppId ?? '', log, budgetMs: options.replyBudgetMs }));
  adapter.use(messageLengthLimit());
  const pruning = setInterval(() => void guard.pruneOld().catch((err) => log.warn({ err }, 'pruning processed activity ids failed')), 60 * 60 * 1000);
  pruning.unref();
  // After the guard: a redelivered activity the guard drops is not logged twice.
  const handoff = await setUpHandoff({ config, db, adapter, log });
  const retention = startRetentionJob({ db, retentionDays: config.TRANSCRIPT_RETENTION_DAYS, log });
  const services = createConversationServices(db, config, undefined, handoff.wiring);
  if (!config.DATABASE_URL && config.SEED_SAMPLE_INCIDENTS) {
    const seeded = await seedSampleIncidents(services.incidents);
    if (seeded) log.info({ seeded }, 'seeded sample service-health incidents (local mode; SEED_SAMPLE_INCIDENTS=false turns this off)');
  }
  const bot = new SupportBot(conversationState, new UserState(storage), services);
  const server = createServer({ adapter, bot, db, log, metrics: metrics.registry });
  const directLine = await mountDirectLine(server, { config, adapter, bot, db, log });
  const agentSide = mountAgentSide(server, services, handoff.wiring, {
    rateLimit: agentRateLimit({ burst: config.AGENT_RATE_LIMIT_BURST, perSecond: config.AGENT_RATE_LIMIT_PER_SECOND }),
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => resolve());
    });
  } catch (err) {
    await retention.stop();
    await handoff.close();
    if (!options.db) await db.close();
    throw err;
  }
  const address = server.address();
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${address.port}`;
  log.info({ url, database: db.kind }, 'support assistant listening');
  directLine.setBaseUrl(url);

  let closed = false;
  return {
    server,
    db,
    url,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruning);
      await retention.stop();
      await directLine.close();
      agentSide.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handoff.close();
      if (!options.db) await db.close();
    },
  };
}
