import type { ActivityHandler } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { jsonBodyOrReply, sendError } from '../http/index.js';
import { toAdapterActivity, type ChannelAdapter } from './adapter.js';
import type { CallerPolicy } from './callerPolicy.js';

/**
 * POST /api/messages: where Bot Framework channels (Teams, Azure Direct Line, the Emulator) deliver
 * activities. The body is checked before the adapter sees it; then the caller: with MicrosoftAppId
 * set, its channel token (a refusal is one log line and a 401, never a stack trace); without one, the
 * caller policy (this machine only, no `dl_` ids, replies only to known hosts).
 */

export interface MessagesRouteDeps {
  adapter: ChannelAdapter;
  bot: ActivityHandler;
  callers: CallerPolicy;
  log: Logger;
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

export function mountMessagesRoute(server: Server, { adapter, bot, callers, log }: MessagesRouteDeps): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const read = await jsonBodyOrReply(req, res);
    if (!read) return;
    const { body } = read;
    const envelope = activityEnvelope.safeParse(body);
    if (!envelope.success) return sendError(res, 400, 'Body must be a Bot Framework activity with "type", "channelId" and "conversation.id".');
    const fields = activityFields.safeParse(body);
    if (!fields.success) return sendError(res, 400, `Invalid activity: check "${fields.error.issues[0]!.path.join('.') || 'body'}".`);
    const refusal = callers.check({ remoteAddress: req.socket?.remoteAddress, fromId: fields.data.from.id, serviceUrl: fields.data.serviceUrl ?? undefined });
    if (refusal) {
      log.warn({ status: refusal.status, remoteAddress: req.socket?.remoteAddress, channelId: envelope.data.channelId }, 'activity refused by the caller policy');
      return sendError(res, refusal.status, refusal.message);
    }
    // A null field says nothing, and parts of botbuilder only check for undefined (entities: null fails the turn).
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) if (value === null) delete (body as Record<string, unknown>)[key];
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      const invoke = await adapter.processAuthenticated(toAdapterActivity(body as object), authHeader, (context) => bot.run(context));
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.json(invoke.body);
      else res.end();
    } catch (err) {
      if (err instanceof AuthenticationError) {
        log.warn({ status: 401, reason: err.message, remoteAddress: req.socket?.remoteAddress, channelId: envelope.data.channelId }, 'channel request refused: not authenticated');
        return sendError(res, 401, 'Unauthorized.');
      }
      log.error({ err }, 'activity processing failed');
      sendError(res, 500, 'Internal error.');
    }
  });
}
