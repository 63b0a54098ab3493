import { TranscriptLoggerMiddleware, type CloudAdapter } from 'botbuilder';
import type { Config } from '../config.js';
import type { HandoffWiring } from '../conversationServices.js';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/db.js';
import { inProcessBus, type EventBus } from './eventBus.js';
import { pgEventBus } from './pgEventBus.js';
import { adapterRelay } from './relay.js';
import { createTranscriptStore, databaseTranscriptLogger } from './transcripts.js';

/**
 * The handoff's share of the composition root: the transcript middleware on the adapter, the event bus
 * (LISTEN/NOTIFY across instances when DATABASE_URL is set, in-process otherwise), the relay into
 * admins' conversations, and the daily transcript clean-up.
 */
export interface HandoffSetup {
  wiring: HandoffWiring;
  events: EventBus;
  /** Resolves when the transcript writes queued so far are done. */
  transcriptsWritten(): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function setUpHandoff({ config, db, adapter, log }: { config: Config; db: Db; adapter: CloudAdapter; log: Logger }): Promise<HandoffSetup> {
  const transcriptLogger = databaseTranscriptLogger(db, log);
  adapter.use(new TranscriptLoggerMiddleware(transcriptLogger));

  const events = config.DATABASE_URL && db.kind === 'postgres' ? await pgEventBus({ connectionString: config.DATABASE_URL, db, log }) : inProcessBus();

  const transcripts = createTranscriptStore(db);
  const prune = () =>
    transcripts
      .prune(config.TRANSCRIPT_RETENTION_DAYS)
      .then((removed) => removed && log.info({ removed, retentionDays: config.TRANSCRIPT_RETENTION_DAYS }, 'old transcript activities deleted'))
      .catch((err) => log.warn({ err }, 'transcript clean-up failed'));
  void prune();
  const pruning = setInterval(() => void prune(), DAY_MS);
  pruning.unref();

  return {
    wiring: { relay: adapterRelay(adapter, config.MicrosoftAppId ?? ''), events, log },
    events,
    transcriptsWritten: () => transcriptLogger.idle(),
    async close() {
      clearInterval(pruning);
      await transcriptLogger.idle();
      await events.close();
    },
  };
}
