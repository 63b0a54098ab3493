import type { Request, Response, Server } from 'restify';
import { downloadHeaders, FILES_PATH, type AttachmentService } from '../../attachments/index.js';
import { sendError } from '../../http/index.js';
import type { Logger } from '../../logger.js';

/**
 * GET /files/<id>/<token>: a file of an admin's conversation, by the capability link the bot put in the
 * conversation (the admin's own upload shown back to them, or a file an agent sent). Web Chat opens
 * such links without credentials, so the signed token is the credential (src/attachments/downloadLinks.ts).
 * An image is served in place, as its sniffed type; anything else only as a download. Any bad, expired
 * or foreign link gets the same 404, so a guess learns nothing.
 */
export function mountFileLinkRoute(server: Server, { attachments, log }: { attachments: AttachmentService; log: Logger }): void {
  server.get(`${FILES_PATH}/:id/:token`, async (req: Request, res: Response) => {
    const { id, token } = req.params as { id: string; token: string };
    try {
      const attachment = await attachments.verifyLink(id, token);
      if (!attachment) return sendError(res, 404, 'This link is not valid or has expired.');
      const bytes = await attachments.content(attachment);
      res.writeHead(200, downloadHeaders(attachment, 'inlineImage'));
      res.end(bytes);
    } catch (err) {
      log.error({ err }, 'serving a file link failed');
      sendError(res, 500, 'Internal error.');
    }
  });
}
