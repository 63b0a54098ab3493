import type { IncomingMessage } from 'node:http';
import type { Response, Server } from 'restify';
import type { AgentStore } from '../agents/index.js';
import {
  agentFileMessage,
  agentNotices,
  downloadHeaders,
  refusalText,
  sizeText,
  usesFileConsent,
  type Attachment,
  type AttachmentService,
} from '../attachments/index.js';
import { publicBaseUrl } from '../channels/index.js';
import type { AdminRelay, ConversationRef, EventBus, HandoffService } from '../handoff/index.js';
import { HttpError, wellFormedText } from '../http/index.js';
import type { Logger } from '../logger.js';
import { isOpen, statusLabel, type TicketService } from '../tickets/index.js';
import { ApiError, type makeEndpoint } from './endpoint.js';
// Registers the answers' schemas (by id) for `npm run docs:openapi`.
import './attachmentSchemas.js';

/**
 * The files of a ticket for agents:
 *   GET  /api/tickets/:number/attachments   the list, oldest first
 *   GET  /api/attachments/:id               the bytes, always as a download (never rendered in the console's origin)
 *   POST /api/tickets/:number/attachments   a file for the admin: the raw bytes, `X-File-Name` (URL-encoded);
 *                                           checked like an admin's file, kept on the ticket and sent into
 *                                           the admin's conversation (a link in the widget, the consent card in Teams)
 * Bearer authentication, rate limit and error answers are the agent API's own (endpoint.ts).
 */

export interface AttachmentRouteDeps {
  endpoint: ReturnType<typeof makeEndpoint>;
  /** Absent when the server runs without attachments (the routes then answer 404). */
  attachments?: AttachmentService;
  tickets: TicketService;
  agents: AgentStore;
  handoff: HandoffService;
  events: EventBus;
  relay?: AdminRelay;
  log: Logger;
}

export function attachmentView(a: Attachment) {
  return {
    id: a.id,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    from: a.direction === 'from_admin' ? ('admin' as const) : ('agent' as const),
    agentId: a.agentId,
    delivery: a.delivery,
    createdAt: a.createdAt.toISOString(),
    downloadUrl: `/api/attachments/${encodeURIComponent(a.id)}`,
  };
}

/** The request body as bytes, refused (413) as soon as it passes `limit`. */
async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `A file may have at most ${sizeText(limit)}.`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed on an early exit, so the 413 still reaches the client.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function fileNameHeader(req: IncomingMessage): string {
  const raw = req.headers['x-file-name'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value?.trim()) throw new ApiError(400, 'X-File-Name is required: the file name, URL-encoded.');
  try {
    return wellFormedText(decodeURIComponent(value));
  } catch {
    throw new ApiError(400, 'X-File-Name must be URL-encoded (encodeURIComponent).');
  }
}

export function mountAttachmentRoutes(server: Server, deps: AttachmentRouteDeps): void {
  const { endpoint } = deps;
  const service = () => {
    if (!deps.attachments) throw new ApiError(404, 'This server keeps no attachments.');
    return deps.attachments;
  };

  server.get(
    '/api/tickets/:number/attachments',
    endpoint({}, async ({ agent, params }) => {
      const ticket = await deps.tickets.getTicket(params.number!, { kind: 'agent', agentId: agent.id });
      return { body: { attachments: (await service().listForTicket(ticket.number)).map(attachmentView) } };
    }),
  );

  server.get(
    '/api/attachments/:id',
    endpoint({}, async ({ agent, params }) => {
      const attachments = service();
      const attachment = await attachments.get(params.id!);
      // A file still waiting for its conversation's ticket is not the agents' to see yet.
      if (!attachment?.ticketNumber) throw new ApiError(404, 'No attachment with that id.');
      await deps.tickets.getTicket(attachment.ticketNumber, { kind: 'agent', agentId: agent.id });
      const bytes = await attachments.content(attachment);
      return {
        body: null,
        send: (res: Response) => {
          res.writeHead(200, downloadHeaders(attachment, 'download'));
          res.end(bytes);
        },
      };
    }),
  );

  server.post(
    '/api/tickets/:number/attachments',
    endpoint({}, async ({ req, agent, params }) => {
      const attachments = service();
      const ticket = await deps.tickets.getTicket(params.number!, { kind: 'agent', agentId: agent.id });
      if (ticket.assignedAgentId !== agent.id) throw new ApiError(409, `Claim ${ticket.number} before sending the admin a file.`);
      if (!isOpen(ticket.status)) throw new ApiError(409, `${ticket.number} is ${statusLabel(ticket.status)}; reopen it before sending the admin a file.`);
      const reference = ticket.conversationReference as ConversationRef | null;
      const conversationId = reference?.conversation?.id;
      if (!reference || !conversationId || !deps.relay) throw new ApiError(409, `${ticket.number} has no conversation to send a file to; contact the admin by their preferred method.`);
      const name = fileNameHeader(req);
      const bytes = await readRawBody(req, attachments.limits.maxBytes);

      const teams = usesFileConsent(ticket.channelId ?? '');
      const result = await attachments.accept({
        bytes,
        name,
        direction: 'from_agent',
        ticketNumber: ticket.number,
        conversationId,
        agentId: agent.id,
        delivery: teams ? 'offered' : 'sent',
      });
      if (!result.ok) {
        const message = refusalText(result, { language: 'en', limits: attachments.limits });
        throw new ApiError(result.reason === 'tooManyOnTicket' ? 409 : result.reason === 'tooBig' ? 413 : 400, message);
      }
      const { attachment } = result;
      const link = teams ? undefined : `${publicBaseUrl(req)}${await attachments.linkPath(attachment)}`;
      const message = agentFileMessage({ attachment, agentName: agent.name, ticketNumber: ticket.number, language: ticket.language, channelId: ticket.channelId ?? '', link });
      let delivered = true;
      try {
        await deps.relay(reference, message);
      } catch (err) {
        delivered = false;
        deps.log.warn({ err, ticket: ticket.number }, 'could not send a file into the admin\'s conversation');
        await attachments.setDelivery(attachment.id, 'failed');
      }
      const note = await deps.handoff.store.addMessage({
        ticketNumber: ticket.number,
        sender: delivered ? 'agent' : 'system',
        agentId: delivered ? agent.id : null,
        text: delivered ? agentNotices.agentSent(agent.name, attachment.name, attachment.size) : agentNotices.failed(attachment.name),
      });
      await deps.events.publish({ type: 'message', ticket: ticket.number, id: note.id }).catch((err) => deps.log.warn({ err }, 'could not publish a chat event'));
      const current = delivered ? attachment : { ...attachment, delivery: 'failed' as const };
      return { status: 201, body: { attachment: attachmentView(current), delivered } };
    }),
  );
}
