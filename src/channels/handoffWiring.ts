import { TranscriptLoggerMiddleware, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Config } from '../config.js';
import { databaseTranscriptLogger, inProcessBus, pgEventBus, type AdminRelay, type EventBus, type HandoffWiring } from '../handoff/index.js';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/index.js';

/**
 * The handoff's share of the composition root, on the channel side: the transcript middleware on the
 * adapter, the event bus (LISTEN/NOTIFY across instances when DATABASE_URL is set, in-process otherwise)
 * and the relay into admins' conversations through the adapter.
 */
export interface HandoffSetup {
  wiring: HandoffWiring;
  events: EventBus;
  /** Resolves when the transcript writes queued so far are done. */
  transcriptsWritten(): Promise<void>;
  close(): Promise<void>;
}

/** The relay through the bot's CloudAdapter. `botAppId` is '' in local mode (no MicrosoftAppId). */
export function adapterRelay(adapter: CloudAdapter, botAppId: string): AdminRelay {
  return async (reference, message) => {
    await adapter.continueConversationAsync(botAppId, reference as Partial<ConversationReference>, async (context) => {
      await context.sendActivity(message as Partial<Activity>);
    });
  };
}

export async function setUpHandoff({ config, db, adapter, log }: { config: Config; db: Db; adapter: CloudAdapter; log: Logger }): Promise<HandoffSetup> {
  const transcriptLogger = databaseTranscriptLogger(db, log);
  adapter.use(new TranscriptLoggerMiddleware(transcriptLogger));

  const events = config.DATABASE_URL && db.kind === 'postgres' ? await pgEventBus({ connectionString: config.DATABASE_URL, db, log }) : inProcessBus();

  // Old transcripts are deleted by the retention job, which calls the handoff module's own retention step.

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
