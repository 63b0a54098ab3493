import type { Attachment as ActivityAttachment, TurnContext } from 'botbuilder';
import {
  acknowledgement,
  agentNotices,
  FILE_DOWNLOAD_INFO,
  FILES_PATH,
  movedText,
  UPLOAD_REFUSALS_KEY,
  type Accepted,
  type AttachmentService,
  type Refused,
  type RefusalReason,
} from '../src/attachments/index.js';
import { EMBEDDED_CALLER_ID } from '../src/channels/index.js';
import type { HandoffPort } from '../src/handoff/index.js';
import { requesterId } from './caseState.js';
import { adminTurn } from './handoffTurn.js';
import { languageOf } from './language.js';

/**
 * The admin's side of attachments: the files in a message become files of their case before anything
 * else reads the message. Before the case is a ticket a file waits with the conversation (and moves onto
 * the ticket when it is filed, moveWaitingFiles); after, it goes on the ticket at once and, in a live
 * chat, the agent is told in the chat. The admin gets one line per file: added, or why not.
 *
 * Where the files come from depends on the channel:
 * - the embedded Direct Line (widget): the upload route has already checked and kept them; the message
 *   carries this server's links (`/files/<id>/…`), looked up here by id and checked to belong to this
 *   conversation, and the reasons for files it refused in channelData (`attachmentRefusals`, set only
 *   by the server);
 * - Teams: a personal chat's file is a `file.download.info` attachment with a pre-authorised
 *   `downloadUrl`; a pasted image an `image/*` attachment whose `contentUrl` is on the Bot Connector and
 *   needs the bot's token (sent only to that host);
 * - any other channel (the Emulator, Azure Direct Line): an attachment with a `contentUrl`.
 * Everything read from a URL is checked like an upload (size while reading, type from content). What is
 * not a file (Teams' `text/html` copy of the message, cards) is left alone.
 */

export interface FileTurnDeps {
  attachments: AttachmentService;
  handoff?: HandoffPort;
  /** The ticket of the admin's current case, when it has one. */
  ticketNumber?: string;
}

type Outcome = Accepted | Refused;

const NOT_FILES = /^(text\/html|application\/vnd\.microsoft\.(card\.|teams\.card\.))/i;
const OWN_LINK = new RegExp(`^${FILES_PATH}/([A-Za-z0-9_-]{16,64})/`);

/**
 * Whether the activity came through this server's own Direct Line endpoint (the widget), whose upload
 * route has already kept the files. Through Azure Direct Line the channel id is `directline` too, but
 * the files are on Azure's URLs and are read like any channel's.
 */
const viaEmbeddedDirectLine = (context: TurnContext) => context.activity.callerId === EMBEDDED_CALLER_ID;

/** The attachments of the activity that are files the admin sent. */
function fileAttachments(context: TurnContext): ActivityAttachment[] {
  return (context.activity.attachments ?? []).filter((a) => typeof a?.contentType === 'string' && !NOT_FILES.test(a.contentType));
}

/** The refusals the embedded Direct Line recorded for this message (only it can set them). */
function uploadRefusals(context: TurnContext): { name: string; reason: RefusalReason }[] {
  if (!viaEmbeddedDirectLine(context)) return [];
  const value = (context.activity.channelData as Record<string, unknown> | undefined)?.[UPLOAD_REFUSALS_KEY];
  return Array.isArray(value) ? (value as { name: string; reason: RefusalReason }[]) : [];
}

/** Whether the message carries files (kept or refused), so it is about them rather than an answer. */
export function carriesFiles(context: TurnContext): boolean {
  return fileAttachments(context).length > 0 || uploadRefusals(context).length > 0;
}

/** The bot's own token, for a Teams inline image on the Bot Connector host; none in local mode. */
async function connectorToken(context: TurnContext, url: string): Promise<Record<string, string> | undefined> {
  const serviceUrl = context.activity.serviceUrl;
  if (!serviceUrl || !URL.canParse(serviceUrl) || new URL(url).origin !== new URL(serviceUrl).origin) return undefined;
  const adapter = context.adapter as unknown as { ConnectorClientKey?: symbol };
  const client = adapter.ConnectorClientKey ? (context.turnState.get(adapter.ConnectorClientKey) as { credentials?: { appId?: string; getToken?: () => Promise<string> } } | undefined) : undefined;
  const credentials = client?.credentials;
  if (!credentials?.appId || typeof credentials.getToken !== 'function') return undefined;
  try {
    return { Authorization: `Bearer ${await credentials.getToken()}` };
  } catch {
    return undefined;
  }
}

async function receive(context: TurnContext, attachment: ActivityAttachment, { attachments }: FileTurnDeps): Promise<Outcome | undefined> {
  const conversationId = context.activity.conversation.id;
  const name = attachment.name ?? 'file';
  const url = attachment.contentUrl && URL.canParse(attachment.contentUrl) ? new URL(attachment.contentUrl) : undefined;

  if (viaEmbeddedDirectLine(context)) {
    const id = url ? OWN_LINK.exec(url.pathname)?.[1] : undefined;
    // A name without a link is a file the upload refused: its reason is in uploadRefusals.
    if (!id) return url ? { ok: false, reason: 'unreadable', name } : undefined;
    const kept = await attachments.get(id);
    if (!kept || kept.conversationId !== conversationId || kept.direction !== 'from_admin') return { ok: false, reason: 'unreadable', name };
    return { ok: true, attachment: kept };
  }

  let source: { url: string; headers?: Record<string, string> } | undefined;
  if (attachment.contentType === FILE_DOWNLOAD_INFO) {
    const downloadUrl = (attachment.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
    source = typeof downloadUrl === 'string' ? { url: downloadUrl } : undefined;
  } else if (url) {
    source = { url: url.href, headers: await connectorToken(context, url.href) };
  }
  if (!source) return { ok: false, reason: 'unreadable', name };
  const fetched = await attachments.download(source.url, source.headers);
  if (!fetched.ok) return { ok: false, reason: fetched.reason, name };
  return attachments.accept({ bytes: fetched.bytes, name, direction: 'from_admin', conversationId });
}

/**
 * Takes the files of the admin's message and answers for each. Returns whether there were any; the
 * caller then does not treat a message without text as an answer to the open question.
 */
export async function receiveFiles(context: TurnContext, deps: FileTurnDeps): Promise<boolean> {
  const files = fileAttachments(context);
  const refusals = uploadRefusals(context);
  if (files.length === 0 && refusals.length === 0) return false;
  const { attachments, handoff, ticketNumber } = deps;
  const outcomes: Outcome[] = refusals.map((r) => ({ ok: false, reason: r.reason, name: r.name }));
  for (const [index, file] of files.entries()) {
    // The widget's upload already held to the limit; other channels are held to it here.
    if (index >= attachments.limits.maxPerMessage && !viaEmbeddedDirectLine(context)) {
      outcomes.push({ ok: false, reason: 'tooManyInMessage', name: file.name ?? 'file' });
      continue;
    }
    const outcome = await receive(context, file, deps);
    if (!outcome) continue;
    if (!outcome.ok || !ticketNumber || outcome.attachment.ticketNumber) {
      outcomes.push(outcome);
      continue;
    }
    const attached = await attachments.attachToTicket(outcome.attachment.id, ticketNumber);
    // A file the request has no room for is not kept waiting for some later request either.
    if (!attached.ok) await attachments.remove(outcome.attachment.id);
    outcomes.push(attached);
  }

  const language = languageOf(context);
  for (const outcome of outcomes) {
    await context.sendActivity(acknowledgement(outcome, { language, locale: context.activity.locale, limits: attachments.limits }));
  }
  // In a live chat the agent learns of each file in the chat (it is on the ticket for them to open).
  if (handoff) {
    for (const outcome of outcomes) {
      if (!outcome.ok || !outcome.attachment.ticketNumber) continue;
      const notice = agentNotices.adminSent(outcome.attachment.name, outcome.attachment.size);
      await handoff.routeMessage({ ...adminTurn(context), reply: async () => undefined }, { text: notice, requesterId: requesterId(context) });
    }
  }
  return true;
}

/** After a request is filed: the files the admin sent before it go onto it, and the admin is told. */
export async function moveWaitingFiles(context: TurnContext, attachments: AttachmentService | undefined, ticketNumber: string): Promise<void> {
  if (!attachments) return;
  const moved = await attachments.moveToTicket(context.activity.conversation.id, ticketNumber);
  if (moved.length > 0) await context.sendActivity(movedText(moved.length, ticketNumber, languageOf(context), context.activity.locale));
}
