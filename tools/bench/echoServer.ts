// The framework's floor for the turn-load benchmark: a bot that only echoes, on the same stack as the
// assistant (restify server from src/http/server.ts, the CloudAdapter from src/channels/adapter.ts, conversation
// state in the same database through DatabaseStorage), without the assistant's own middleware, dialogs
// and services. Run as a child process by turnLoad.bench.ts; reads the same environment as src/main.ts.
import { ActivityHandler, ConversationState, type TurnContext } from 'botbuilder';
import { callerPolicy, createAdapter, mountMessagesRoute } from '../../src/channels/index.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/http/index.js';
import { DatabaseStorage, openDatabase } from '../../src/storage/index.js';

/** Reads and writes one piece of conversation state per turn, as any stateful bot does. */
class EchoBot extends ActivityHandler {
  private readonly counter;

  constructor(private readonly state: ConversationState) {
    super();
    this.counter = state.createProperty<{ turns: number }>('echo');
    this.onMessage(async (context, next) => {
      const seen = await this.counter.get(context, { turns: 0 });
      seen.turns += 1;
      await context.sendActivity(`echo ${seen.turns}: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context, false);
  }
}

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const db = await openDatabase(config);
const adapter = createAdapter(config, log);
const { server } = createServer({ db, log });
mountMessagesRoute(server, { adapter, bot: new EchoBot(new ConversationState(new DatabaseStorage(db))), callers: callerPolicy(config), log });
server.listen(config.PORT, config.HOST, () => log.info({ port: config.PORT }, 'echo bot listening'));

const stop = () =>
  server.close(() => {
    void db.close().then(() => process.exit(0));
  });
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
