import restify, { type Request, type Response, type Server } from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/index.js';
import { jsonBodyOrReply, sendError } from './jsonBody.js';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  db: Db;
  log: Logger;
  /** Prometheus registry served at /metrics. */
  metrics?: { contentType: string; metrics(): Promise<string> };
}

/** The least an activity needs before the adapter sees it. */
const activityEnvelope = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

// Optional fields may also be null, as some channels send them.
const optionalString = z.string().nullish();
const account = z.looseObject({ id: z.string(), name: optionalString, role: optionalString, aadObjectId: optionalString });
/** botbuilder strips @mentions of the bot by reading `mentioned.id` and `text` of each mention. */
const entity = z
  .looseObject({ type: z.string(), mentioned: z.unknown().optional(), text: z.unknown().optional() })
  .refine((e) => e.type.toLowerCase() !== 'mention' || (account.safeParse(e.mentioned).success && typeof e.text === 'string'), 'a mention needs mentioned.id and text');

/**
 * The fields the adapter and the bot read, with the types they read them as: botbuilder trusts the
 * channel and would otherwise fail the turn on, say, a numeric `text`, an entity without a type or a
 * missing `recipient`. Unknown fields pass through, as channels add their own.
 */
const activityFields = z.looseObject({
  id: optionalString,
  serviceUrl: z
    .string()
    .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), 'must be an http(s) URL')
    .nullish(),
  // The sender's id keys their user state: it cannot be empty.
  from: account.extend({ id: z.string().min(1) }),
  recipient: account,
  conversation: z.looseObject({ id: z.string(), name: optionalString, conversationType: optionalString, tenantId: optionalString, isGroup: z.boolean().nullish() }),
  text: optionalString,
  textFormat: optionalString,
  locale: optionalString,
  localTimezone: optionalString,
  timestamp: optionalString,
  localTimestamp: optionalString,
  replyToId: optionalString,
  name: optionalString,
  deliveryMode: optionalString,
  inputHint: optionalString,
  attachments: z.array(z.looseObject({ contentType: z.string() })).nullish(),
  entities: z.array(entity).nullish(),
  membersAdded: z.array(account).nullish(),
  membersRemoved: z.array(account).nullish(),
  channelData: z.looseObject({}).nullish(),
});

/**
 * A response wrapper for CloudAdapter.process: the adapter writes its exception text into error
 * bodies, so anything that is not a success is replaced by a plain message.
 */
function guardedResponse(res: Response) {
  return {
    status(code: number) {
      res.status(code);
      return this;
    },
    send(body?: unknown) {
      if (res.statusCode >= 400) {
        const message = res.statusCode === 401 ? 'Unauthorized.' : res.statusCode < 500 ? 'Bad request.' : 'Internal error.';
        res.json({ error: { status: res.statusCode, message } });
      } else if (body !== undefined) {
        res.json(body);
      }
      return this;
    },
    header(name: string, value: unknown) {
      res.header(name, value);
      return this;
    },
    end() {
      if (!res.headersSent) res.end();
      return this;
    },
  };
}

export function createServer({ adapter, bot, db, log, metrics }: ServerDeps): Server {
  const server = restify.createServer({ name: 'support-assistant', handleUncaughtExceptions: false });

  // Restify's own errors (404, 405) are fine to show; anything else is reduced to a plain message.
  server.on('restifyError', (_req: Request, res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      log.error({ err }, 'request failed');
      (err as unknown as { toJSON: () => unknown }).toJSON = () => ({ error: { status, message: 'Internal error.' } });
    }
    callback();
  });

  server.get('/health', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.get('/ready', async (_req: Request, res: Response) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ready', database: db.kind });
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      sendError(res, 503, 'Database not reachable.');
    }
  });

  if (metrics) {
    server.get('/metrics', async (_req: Request, res: Response) => {
      const body = await metrics.metrics();
      res.setHeader('content-type', metrics.contentType);
      res.writeHead(200);
      res.end(body);
    });
  }

  server.post('/api/messages', async (req: Request, res: Response) => {
    const read = await jsonBodyOrReply(req, res);
    if (!read) return;
    const { body } = read;
    const envelope = activityEnvelope.safeParse(body);
    if (!envelope.success) return sendError(res, 400, 'Body must be a Bot Framework activity with "type", "channelId" and "conversation.id".');
    const fields = activityFields.safeParse(body);
    if (!fields.success) return sendError(res, 400, `Invalid activity: check "${fields.error.issues[0]!.path.join('.') || 'body'}".`);
    // A null field says nothing, and parts of botbuilder only check for undefined (entities: null fails the turn).
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (value === null) delete (body as Record<string, unknown>)[key];
    (req as Request & { body: unknown }).body = body;
    try {
      await adapter.process(req, guardedResponse(res) as never, (context) => bot.run(context));
    } catch (err) {
      log.error({ err }, 'activity processing failed');
      sendError(res, 500, 'Internal error.');
    }
  });

  return server;
}
