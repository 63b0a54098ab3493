import { createHash, randomBytes } from 'node:crypto';
import type { Db, RetentionStep } from '../storage/index.js';
import { linkSigner, loadLinkKey, type LinkSigner } from './downloadLinks.js';
import { sanitizeFileName } from './fileName.js';
import { fileFolder, type FileFolder } from './fileStorage.js';
import { sniff, type RefusalReason } from './fileTypes.js';
import { fetchRemoteFile, putRemoteFile, type Fetched } from './remoteFile.js';

/**
 * The files of a case: an admin's screenshots and logs, an agent's files for the admin. Each is checked
 * (size, type from its content, name against content) before it is kept; an admin's file waits with the
 * conversation until the case becomes a ticket, then belongs to the ticket. The bytes are in the
 * database, or in ATTACHMENTS_DIR when that is set (a large volume of files then stays out of backups
 * of the database and out of its memory).
 */

export interface AttachmentLimits {
  /** Bytes one file may have. */
  maxBytes: number;
  /** Files one message may carry. */
  maxPerMessage: number;
  /** Files one ticket may have; also what may wait with a conversation before it is a ticket. */
  maxPerTicket: number;
}

/**
 * Where the embedded Direct Line puts the files of an upload it did not keep, with the reason, in the
 * message's channelData (`[{ name, reason }]`); only the server sets it, so the bot can believe it.
 */
export const UPLOAD_REFUSALS_KEY = 'attachmentRefusals';

export const DEFAULT_LIMITS: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, maxPerMessage: 5, maxPerTicket: 20 };

export type Direction = 'from_admin' | 'from_agent';
/** How an agent's file reached the admin: sent (widget), or offered in Teams and then accepted or declined. */
export type Delivery = 'sent' | 'offered' | 'accepted' | 'declined' | 'failed';

export interface Attachment {
  id: string;
  ticketNumber: string | null;
  conversationId: string | null;
  direction: Direction;
  agentId: string | null;
  name: string;
  /** As sniffed from the content. */
  contentType: string;
  size: number;
  sha256: string;
  delivery: Delivery | null;
  createdAt: Date;
}

export interface NewAttachment {
  bytes: Uint8Array;
  /** As the sender named it; cleaned here. */
  name: string;
  direction: Direction;
  conversationId?: string;
  ticketNumber?: string;
  agentId?: string;
  delivery?: Delivery;
}

export type Accepted = { ok: true; attachment: Attachment };
export type Refused = { ok: false; reason: RefusalReason; name: string };

export interface AttachmentService {
  readonly limits: AttachmentLimits;
  /** Checks and keeps a file; a refusal says why, with the cleaned name to tell the sender. */
  accept(file: NewAttachment): Promise<Accepted | Refused>;
  get(id: string): Promise<Attachment | undefined>;
  content(attachment: Attachment): Promise<Buffer>;
  listForTicket(ticketNumber: string): Promise<Attachment[]>;
  /** An admin's file waiting with its conversation goes onto the ticket (unless the ticket is full). */
  attachToTicket(id: string, ticketNumber: string): Promise<Accepted | Refused>;
  /** Every file waiting with the conversation goes onto the newly filed ticket; returns them. */
  moveToTicket(conversationId: string, ticketNumber: string): Promise<Attachment[]>;
  setDelivery(id: string, delivery: Delivery): Promise<void>;
  remove(id: string): Promise<void>;
  /** The admin's capability link path for a file of their conversation (`/files/<id>/<token>`). */
  linkPath(attachment: Attachment, now?: Date): Promise<string>;
  /** The file a capability link names, when the token is valid for it now. */
  verifyLink(id: string, token: string, now?: Date): Promise<Attachment | undefined>;
  /** Reads a file a channel offers by URL (Teams), within the size limit (remoteFile.ts). */
  download(url: string, headers?: Record<string, string>): Promise<Fetched>;
  /** Puts a file's bytes where the channel said (Teams' upload URL after the admin's consent). */
  uploadTo(url: string, attachment: Attachment): Promise<boolean>;
}

export interface AttachmentServiceOptions {
  limits?: Partial<AttachmentLimits>;
  /** ATTACHMENTS_DIR: keep the bytes in this folder instead of the database. */
  dir?: string;
  /** Local mode and tests: a channel's file URLs may be plain http on this machine (a fake connector). */
  allowLoopbackUrls?: boolean;
}

/** How long reading or writing a channel's file may take. */
export const TRANSFER_TIMEOUT_MS = 30_000;

interface Row {
  id: string;
  ticket_number: string | null;
  conversation_id: string | null;
  direction: Direction;
  agent_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  delivery: Delivery | null;
  created_at: Date | string;
}

const COLUMNS = 'id, ticket_number, conversation_id, direction, agent_id, file_name, content_type, size, sha256, delivery, created_at';

const fromRow = (r: Row): Attachment => ({
  id: r.id,
  ticketNumber: r.ticket_number,
  conversationId: r.conversation_id,
  direction: r.direction,
  agentId: r.agent_id,
  name: r.file_name,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  delivery: r.delivery,
  createdAt: new Date(r.created_at),
});

/** PGlite returns bytea as Uint8Array, pg as Buffer. */
const asBuffer = (value: Uint8Array) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength));

export const newAttachmentId = () => randomBytes(18).toString('base64url');

export function createAttachmentService(db: Db, options: AttachmentServiceOptions = {}): AttachmentService {
  const limits: AttachmentLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const folder: FileFolder | undefined = options.dir ? fileFolder(options.dir) : undefined;
  let signer: Promise<LinkSigner> | undefined;
  const links = () => (signer ??= loadLinkKey(db).then(linkSigner));

  const get = async (id: string) => {
    const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM attachments WHERE id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  };
  const countOnTicket = async (ticketNumber: string) =>
    Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments WHERE ticket_number = $1', [ticketNumber])).rows[0]!.n);
  const countWaiting = async (conversationId: string) =>
    Number(
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM attachments WHERE conversation_id = $1 AND ticket_number IS NULL AND direction = 'from_admin'", [conversationId]))
        .rows[0]!.n,
    );

  const service: AttachmentService = {
    limits,

    async accept(file) {
      const name = sanitizeFileName(file.name);
      if (file.bytes.length > limits.maxBytes) return { ok: false, reason: 'tooBig', name };
      const sniffed = sniff(file.bytes, name);
      if (!sniffed.ok) return { ok: false, reason: sniffed.reason, name };
      if (!file.ticketNumber && !file.conversationId) throw new Error('an attachment belongs to a ticket or a conversation');
      const count = file.ticketNumber ? await countOnTicket(file.ticketNumber) : await countWaiting(file.conversationId!);
      if (count >= limits.maxPerTicket) return { ok: false, reason: 'tooManyOnTicket', name: sniffed.name };

      const id = newAttachmentId();
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      if (folder) await folder.write(id, file.bytes);
      try {
        const { rows } = await db.query<Row>(
          `INSERT INTO attachments (id, ticket_number, conversation_id, direction, agent_id, file_name, content_type, size, sha256, stored_in, content, delivery)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
          [
            id,
            file.ticketNumber ?? null,
            file.conversationId ?? null,
            file.direction,
            file.agentId ?? null,
            sniffed.name,
            sniffed.contentType,
            file.bytes.length,
            sha256,
            folder ? 'dir' : 'db',
            folder ? null : asBuffer(file.bytes),
            file.delivery ?? null,
          ],
        );
        return { ok: true, attachment: fromRow(rows[0]!) };
      } catch (err) {
        if (folder) await folder.remove(id).catch(() => undefined);
        throw err;
      }
    },

    get,

    async content(attachment) {
      const { rows } = await db.query<{ stored_in: 'db' | 'dir'; content: Uint8Array | null }>('SELECT stored_in, content FROM attachments WHERE id = $1', [attachment.id]);
      const row = rows[0];
      if (!row) throw new Error('attachment vanished');
      if (row.stored_in === 'db') return asBuffer(row.content!);
      // Stored in a folder by an instance with ATTACHMENTS_DIR: every instance must share that folder.
      if (!folder) throw new Error('attachment is stored in ATTACHMENTS_DIR, which is not set on this instance');
      return folder.read(attachment.id);
    },

    async listForTicket(ticketNumber) {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM attachments WHERE ticket_number = $1 ORDER BY created_at, id`, [ticketNumber]);
      return rows.map(fromRow);
    },

    async attachToTicket(id, ticketNumber) {
      const current = await get(id);
      if (!current) throw new Error('no such attachment');
      if (current.ticketNumber === ticketNumber) return { ok: true, attachment: current };
      if ((await countOnTicket(ticketNumber)) >= limits.maxPerTicket) return { ok: false, reason: 'tooManyOnTicket', name: current.name };
      const { rows } = await db.query<Row>(`UPDATE attachments SET ticket_number = $2 WHERE id = $1 AND ticket_number IS NULL RETURNING ${COLUMNS}`, [id, ticketNumber]);
      return { ok: true, attachment: rows[0] ? fromRow(rows[0]) : current };
    },

    async moveToTicket(conversationId, ticketNumber) {
      const { rows } = await db.query<Row>(
        `UPDATE attachments SET ticket_number = $2 WHERE conversation_id = $1 AND ticket_number IS NULL AND direction = 'from_admin' RETURNING ${COLUMNS}`,
        [conversationId, ticketNumber],
      );
      return rows.map(fromRow).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },

    async setDelivery(id, delivery) {
      await db.query('UPDATE attachments SET delivery = $2 WHERE id = $1', [id, delivery]);
    },

    async remove(id) {
      const { rows } = await db.query<{ stored_in: string }>('DELETE FROM attachments WHERE id = $1 RETURNING stored_in', [id]);
      if (rows[0]?.stored_in === 'dir') await folder?.remove(id);
    },

    async linkPath(attachment, now) {
      if (!attachment.conversationId) throw new Error('a download link needs the conversation the file belongs to');
      return (await links()).path(attachment.id, attachment.conversationId, now);
    },

    async verifyLink(id, token, now) {
      const attachment = await get(id);
      if (!attachment?.conversationId) return undefined;
      return (await links()).verify(id, attachment.conversationId, token, now) ? attachment : undefined;
    },

    download(url, headers) {
      return fetchRemoteFile(url, { maxBytes: limits.maxBytes, timeoutMs: TRANSFER_TIMEOUT_MS, allowLoopback: options.allowLoopbackUrls ?? false, headers });
    },

    async uploadTo(url, attachment) {
      return putRemoteFile(url, await service.content(attachment), { timeoutMs: TRANSFER_TIMEOUT_MS, allowLoopback: options.allowLoopbackUrls ?? false });
    },
  };
  return service;
}

/**
 * Files of conversations that never became a ticket are personal data like the transcript and go
 * after the same time; files on a ticket are part of that business record and stay with it.
 */
export function attachmentRetention(db: Db, options: Pick<AttachmentServiceOptions, 'dir'> = {}): RetentionStep {
  const folder = options.dir ? fileFolder(options.dir) : undefined;
  return {
    async deleteBefore(cutoff) {
      const { rows } = await db.query<{ id: string; stored_in: string }>('DELETE FROM attachments WHERE ticket_number IS NULL AND created_at < $1 RETURNING id, stored_in', [cutoff]);
      for (const row of rows) if (row.stored_in === 'dir') await folder?.remove(row.id);
      return { attachmentsWithoutTicket: rows.length };
    },
  };
}
