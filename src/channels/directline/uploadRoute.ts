import type { Request, Response, Server } from 'restify';
import { sanitizeFileName, sizeText, UPLOAD_REFUSALS_KEY, type AttachmentService, type RefusalReason } from '../../attachments/index.js';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { HttpError, readJsonBody, sendError } from '../../http/index.js';
import type { Logger } from '../../logger.js';
import { ConversationFullError } from './activityStore.js';
import { conversationFullMessage, postsRateLimitedMessage, sendTooMany, type ClientLimits } from './clientLimits.js';
import type { ConversationService } from './conversationService.js';
import { conversationAuthorizer } from './directLineRoutes.js';
import { formBoundary, PartTooLargeError, readMultipartForm } from './multipartForm.js';
import { clientActivitySchema, type ClientActivity } from './protocol.js';
import { publicBaseUrl } from './publicUrl.js';
import type { TokenSigner } from './tokens.js';

/**
 * POST /v3/directline/conversations/{id}/upload: how Web Chat sends files (DirectLineJS
 * `postMessageWithAttachments`). The body is multipart/form-data: an optional `activity` part
 * (application/vnd.microsoft.activity, the message without its attachments) and a `file` part per file.
 * Like the Direct Line service, the server keeps the files and posts one message to the bot whose
 * attachments point at its own copies: `contentUrl` is this server's download link for the file
 * (/files/<id>/<token>), never the browser's blob URL, and the type is the one sniffed from the bytes.
 *
 * A file of a type that is not taken (or too many in one message) still arrives as part of the
 * message, as a name without a link, and the reason is in the message's channelData
 * (`attachmentRefusals`, which only this server sets: a client's channelData is reduced to what Web Chat
 * sends), so the bot tells the admin why in their language. A file over ATTACHMENT_MAX_BYTES ends the
 * upload with 413 as soon as the limit is passed, before the rest is read; the bot is then handed the
 * message with that file refused as too big, so the admin learns why (Web Chat only shows "send failed").
 */

export interface UploadRouteDeps {
  service: ConversationService;
  signer: TokenSigner;
  limits: ClientLimits;
  attachments: AttachmentService;
  log: Logger;
}

/** Parts besides the files: the activity, and room for a client that adds one we ignore. */
const EXTRA_PARTS = 2;
/** The activity part is an activity like any posted one: the same cap as a JSON body. */
const MAX_ACTIVITY_PART_BYTES = 256 * 1024;

export function mountUploadRoute(server: Server, { service, signer, limits, attachments, log }: UploadRouteDeps): void {
  const authorize = conversationAuthorizer(signer);
  const fileLimits = attachments.limits;
  const maxFiles = fileLimits.maxPerMessage;
  const maxFormBytes = (maxFiles + EXTRA_PARTS) * fileLimits.maxBytes + MAX_ACTIVITY_PART_BYTES;

  server.post('/v3/directline/conversations/:conversationId/upload', async (req: Request, res: Response) => {
    const claims = await authorize(req, res);
    if (!claims) return;
    const tooLarge = (message: string) => {
      res.header('Connection', 'close');
      sendError(res, 413, message);
    };
    const allowance = limits.posts.take(claims.conv);
    if (!allowance.allowed) {
      res.header('Connection', 'close');
      return sendTooMany(res, allowance.retryAfterSeconds, postsRateLimitedMessage(allowance.retryAfterSeconds));
    }
    const boundary = formBoundary(req.headers['content-type']);
    if (!boundary) return sendError(res, 400, 'An upload is multipart/form-data with a boundary.');
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxFormBytes) return tooLarge(`An upload may carry at most ${maxFiles} files of ${sizeText(fileLimits.maxBytes)} each.`);

    // Web Chat shows a 413 only as "send failed": the bot is handed the message with the file refused, and says why.
    const tellBotTooBig = async (err: PartTooLargeError) => {
      const template = await parseActivityPart(err.before.find((p) => p.field === 'activity')?.data);
      const name = sanitizeFileName(err.part.fileName || 'file');
      const activity = {
        ...(template.ok ? template.activity : { type: 'message' }),
        type: 'message',
        attachments: [{ contentType: 'application/octet-stream', name }],
        channelData: { ...(template.ok ? template.activity.channelData : {}), [UPLOAD_REFUSALS_KEY]: [{ name, reason: 'tooBig' }] },
      } as ClientActivity;
      await service.postFromClient(claims, activity).catch((error: unknown) => log.warn({ err: error, conversationId: claims.conv }, 'could not tell the bot about a file that was too big'));
    };

    let parts;
    try {
      parts = await readMultipartForm(req, boundary, {
        maxParts: maxFiles + EXTRA_PARTS,
        maxPartBytes: (field) => (field === 'file' ? fileLimits.maxBytes : MAX_ACTIVITY_PART_BYTES),
        tooLargeMessage: (field) =>
          field === 'file' ? `A file may have at most ${sizeText(fileLimits.maxBytes)}.` : `The ${field} part of the upload is larger than ${MAX_ACTIVITY_PART_BYTES / 1024} KB.`,
      });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      if (err.status !== 413) return sendError(res, err.status, err.publicMessage);
      tooLarge(err.publicMessage);
      if (err instanceof PartTooLargeError && err.part.field === 'file') void tellBotTooBig(err);
      return;
    }

    const template = await parseActivityPart(parts.find((p) => p.field === 'activity')?.data);
    if (!template.ok) return sendError(res, 400, template.message);
    const files = parts.filter((p) => p.field === 'file');
    if (files.length === 0) return sendError(res, 400, 'The upload has no file part.');

    const base = publicBaseUrl(req);
    const sent: NonNullable<ClientActivity['attachments']> = [];
    const refusals: { name: string; reason: RefusalReason }[] = [];
    const sizes: number[] = [];
    for (const [index, file] of files.entries()) {
      const name = file.fileName || 'file';
      const result =
        index < maxFiles
          ? await attachments.accept({ bytes: file.data, name, direction: 'from_admin', conversationId: claims.conv })
          : ({ ok: false, reason: 'tooManyInMessage', name } as const);
      sizes.push(file.data.length);
      if (result.ok) {
        const url = `${base}${await attachments.linkPath(result.attachment)}`;
        const image = result.attachment.contentType.startsWith('image/');
        // Web Chat draws a user's image from thumbnailUrl (else as a file chip): the server's copy, not the browser's.
        sent.push({ contentType: result.attachment.contentType, contentUrl: url, name: result.attachment.name, ...(image ? { thumbnailUrl: url } : {}) });
      } else {
        refusals.push({ name: result.name, reason: result.reason });
        sent.push({ contentType: 'application/octet-stream', name: result.name });
      }
    }

    const activity = {
      ...template.activity,
      type: 'message',
      attachments: sent,
      channelData: { ...template.activity.channelData, attachmentSizes: sizes, ...(refusals.length ? { [UPLOAD_REFUSALS_KEY]: refusals } : {}) },
    } as ClientActivity;
    try {
      res.json(await service.postFromClient(claims, activity));
    } catch (err) {
      if (err instanceof ConversationFullError) return sendError(res, 413, conversationFullMessage(err.quotaBytes));
      log.error({ err, conversationId: claims.conv }, 'direct line upload failed');
      sendError(res, 500, 'Internal error.');
    }
  });
}

/**
 * The `activity` part: the message as Web Chat built it, checked like any posted activity. Its
 * attachments are dropped (the server makes them from the files; Web Chat's thumbnails are data URLs
 * of any length); a missing part is a plain message.
 */
async function parseActivityPart(data: Buffer | undefined): Promise<{ ok: true; activity: ClientActivity } | { ok: false; message: string }> {
  if (!data) return { ok: true, activity: { type: 'message' } };
  let json: unknown;
  try {
    // The JSON body reader's checks (depth, well-formed text) on the part's bytes.
    json = await readJsonBody(Object.assign(Readable.from([data]), { headers: {} }) as unknown as IncomingMessage, MAX_ACTIVITY_PART_BYTES);
  } catch (err) {
    if (err instanceof HttpError) return { ok: false, message: `The activity part of the upload: ${err.publicMessage}` };
    throw err;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, message: 'The activity part of the upload must be a JSON object.' };
  const { attachments: _ignored, ...rest } = json as Record<string, unknown>;
  const parsed = clientActivitySchema.safeParse(rest);
  if (!parsed.success || parsed.data.type !== 'message') return { ok: false, message: 'The activity part of the upload is not a valid message.' };
  return { ok: true, activity: parsed.data };
}
