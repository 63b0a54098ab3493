import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { IdentityContacts } from '../../identity/index.js';
import type { Logger } from '../../logger.js';
import { jsonBodyOrReply, sendError } from '../../http/index.js';
import { knownTimeZone } from '../../i18n/index.js';
import type { Queryable } from '../../storage/index.js';
import { exchangeSecretForToken, TokenExchangeError } from './azureTokenExchange.js';
import type { ConversationService } from './conversationService.js';
import type { ClientLimits } from './clientLimits.js';
import { mayStartConversation, tokenResponse } from './directLineRoutes.js';
import { MAX_IDENTITY_TOKEN_CHARS, verifyIdentityToken, type IdentitySettings } from './identityToken.js';
import { recordIdentityTokenUse } from './identityTokenUses.js';
import { publicBaseUrl } from './publicUrl.js';
import { MAX_VISITOR_CREDENTIAL_CHARS, type WidgetUsers } from './widgetUsers.js';

/**
 * POST /api/directline/token: what the widget and `npm run chat` call first. It answers a token and the
 * Direct Line `domain` to use it with: this server's embedded endpoint, or the Azure Direct Line service
 * when DIRECT_LINE_SECRET is set. Either way the client code is the same.
 *
 * Who the token is for (docs/identity.md): the body may carry the host site's signed `identityToken`
 * (verified, single use, its name and email remembered for the bot), else the browser's `visitor`
 * credential; without a valid one the answer carries a new `visitor` credential to keep. Either gives the
 * same Direct Line user id every time. With `conversationId` the token is for that conversation when it
 * is the user's (how the widget continues a conversation whose token has expired); otherwise, unless
 * `newConversation` is set, for the user's latest retained conversation, so a new tab or another device
 * continues it. A token that starts a conversation counts against the client address's allowance (429
 * with Retry-After, shared with tokens/generate, see clientLimits.ts), in both modes: in Azure mode each
 * one costs a call to the Direct Line service with the secret.
 */

export type TokenSource =
  | { kind: 'embedded'; service: ConversationService }
  | { kind: 'azure'; endpoint: string; secret: string };

export interface WidgetIdentity {
  db: Queryable;
  users: WidgetUsers;
  contacts: IdentityContacts;
  /** Absent when WIDGET_IDENTITY_SECRET is not set: identity tokens are then refused. */
  settings?: IdentitySettings;
}

export interface WidgetToken {
  conversationId: string;
  token: string;
  expires_in: number;
  /** Base URL of the Direct Line 3.0 API, e.g. https://bot.example.com/v3/directline */
  domain: string;
  mode: 'embedded' | 'azure';
  /** True when the token continues an existing conversation of the user (its history is there to read). */
  resumed: boolean;
  /** True when the user is the host site's signed-in user. */
  identified: boolean;
  /** The visitor credential to keep (anonymous users only). */
  visitor?: string;
}

const tokenRequestSchema = z.object({
  identityToken: z.string().min(1).max(MAX_IDENTITY_TOKEN_CHARS).optional(),
  visitor: z.string().max(MAX_VISITOR_CREDENTIAL_CHARS).optional(),
  conversationId: z.string().min(1).max(64).optional(),
  newConversation: z.boolean().optional(),
  // The page's locale and the browser's zone, for the greeting; what is not a locale or a zone the
  // runtime knows is dropped rather than refused (an old browser's answer must not cost the chat).
  locale: z
    .string()
    .max(35)
    .optional()
    .transform((v) => (v && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/.test(v) ? v : undefined)),
  timeZone: z
    .string()
    .max(64)
    .optional()
    .transform((v) => (v ? knownTimeZone(v) : undefined)),
});

type TokenRequest = Partial<z.output<typeof tokenRequestSchema>>;

/** A body is optional (`npm run chat` and older widgets send none); one that is sent must be right. */
async function readTokenRequest(req: Request, res: Response): Promise<TokenRequest | undefined> {
  const length = req.headers['content-length'];
  if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) return {};
  const read = await jsonBodyOrReply(req, res, 16 * 1024);
  if (!read) return undefined;
  const parsed = tokenRequestSchema.safeParse(read.body);
  if (!parsed.success) {
    const field = parsed.error.issues[0]!.path.join('.') || 'body';
    sendError(res, 400, `Invalid token request: check "${field}".`);
    return undefined;
  }
  return parsed.data;
}

interface Requester {
  userId: string;
  identified: boolean;
  /** A newly issued visitor credential, or the one presented. */
  visitor?: string;
  /** Whether the user presented something: only then can there be a conversation of theirs to resume. */
  returning: boolean;
}

export function mountTokenRoute(server: Server, source: TokenSource, log: Logger, limits: ClientLimits, identity: WidgetIdentity): void {
  /** The user the request speaks for; answers 400/401 itself and returns undefined when it refuses. */
  async function requester(body: TokenRequest, res: Response): Promise<Requester | undefined> {
    if (body.identityToken !== undefined) {
      if (!identity.settings) {
        sendError(res, 400, 'This server does not accept identity tokens (WIDGET_IDENTITY_SECRET is not set).');
        return undefined;
      }
      const verdict = await verifyIdentityToken(body.identityToken, identity.settings);
      if (!verdict.ok) {
        log.info({ reason: verdict.reason }, 'widget identity token refused');
        sendError(res, 401, `The identity token was refused: ${verdict.reason}.`);
        return undefined;
      }
      const { identity: who } = verdict;
      if (!(await recordIdentityTokenUse(identity.db, who.jti, new Date(who.exp * 1000)))) {
        log.warn('widget identity token replayed');
        sendError(res, 401, 'The identity token was refused: it was used before. Sign a new token for every request.');
        return undefined;
      }
      const userId = identity.users.hostUser(who.sub);
      await identity.contacts.remember(userId, { name: who.name, email: who.email }, new Date());
      return { userId, identified: true, returning: true };
    }
    const known = body.visitor ? identity.users.visitorUser(body.visitor) : undefined;
    if (known) return { userId: known, identified: false, visitor: body.visitor, returning: true };
    // No credential, or one this server did not issue (tampered, forged): a new visitor, never the claimed one.
    const fresh = identity.users.newVisitor();
    return { userId: fresh.userId, identified: false, visitor: fresh.credential, returning: false };
  }

  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    const body = await readTokenRequest(req, res);
    if (!body) return;
    const who = await requester(body, res);
    if (!who) return;
    const person = { identified: who.identified, ...(who.visitor ? { visitor: who.visitor } : {}) };

    if (source.kind === 'embedded') {
      const resumeLatest = who.returning && !body.newConversation;
      const wanted = who.returning ? body.conversationId : undefined;
      const client = { locale: body.locale, timeZone: body.timeZone };
      const { issued, resumed } = await source.service.issueForUser(who.userId, { conversationId: wanted, resumeLatest, client });
      if (!resumed && !mayStartConversation(req, res, limits)) return;
      const answer: WidgetToken = { ...tokenResponse(issued), domain: `${publicBaseUrl(req)}/v3/directline`, mode: 'embedded', resumed, ...person };
      res.json(answer);
      return;
    }
    if (!mayStartConversation(req, res, limits)) return;
    try {
      // The Azure service keeps no record this server could check ownership against: a new conversation
      // every time, under the user's stable id, so their tickets still follow them.
      const generated = await exchangeSecretForToken({ endpoint: source.endpoint, secret: source.secret, userId: who.userId });
      const answer: WidgetToken = { ...generated, domain: `${source.endpoint.replace(/\/+$/, '')}/v3/directline`, mode: 'azure', resumed: false, ...person };
      res.json(answer);
    } catch (err) {
      if (!(err instanceof TokenExchangeError)) throw err;
      log.warn({ reason: err.message, upstreamStatus: err.upstreamStatus }, 'direct line token exchange failed');
      sendError(res, 502, 'Could not get a chat token from the Direct Line service. Please try again later.');
    }
  });
}
