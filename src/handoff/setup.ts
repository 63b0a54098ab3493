import { TranscriptLoggerMiddleware, type CloudAdapter } from 'botbuilder';
import type { Config } from '../config.js';
import type { HandoffWiring } from '../conversationServices.js';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/db.js';
import { inProcessBus, type EventBus } from './eventBus.js';
import { pgEventBus } from './pgEventBus.js';
import { adapterRelay } from './relay.js';
import { databaseTranscriptLogger } from './transcripts.js';

/**
 * The handoff's share of the composition root: the transcript middleware on the adapter, the event bus
 * (LISTEN/NOTIFY across instances when DATABASE_URL is set, in-process otherwise) and the relay into
 * admins' conversations.
 */
export interface HandoffSetup {
  wiring: HandoffWiring;
  events: EventBus;
  /** Resolves when the transcript writes queued so far are done. */
  transcriptsWritten(): Promise<void>;
  close(): Promise<void>;
}

export async function setUpHandoff({ config, db, adapter, log }: { config: Config; db: Db; adapter: CloudAdapter; log: Logger }): Promise<HandoffSetup> {
  const transcriptLogger = databaseTranscriptLogger(db, log);
  adapter.use(new TranscriptLoggerMiddleware(transcriptLogger));

  const events = config.DATABASE_URL && db.kind === 'postgres' ? await pgEventBus({ connectionString: config.DATABASE_URL, db, log }) : inProcessBus();

  // Old transcripts are deleted by the retention job (src/storage/retention.ts), with the widget's log.

  return {
    wiring: { relay: adapterRelay(adapter, config.MicrosoftAppId ?? ''), events, log },
    events,
    transcriptsWritten: () => transcriptLogger.idle(),
    async close() {
      await transcriptLogger.idle();
      await events.close();
    },
  };
}
