import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLanguage, type Language } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { mailTransport } from './mailTransport.js';
import type { OutboxConsumer, OutboxEvent } from '../outbox/index.js';
import type { Db, Queryable } from '../storage/index.js';
import { renderNotificationMail, type NotificationItem, type NotificationKind } from './notificationMail.js';

/**
 * Email notifications: an admin who is not in the chat hears by email about what happens to their
 * request (an agent's reply, a question for them, the request resolved, closed or reopened).
 *
 * 1. The outbox consumer turns each such change into a `notifications` row for the requester's email, in
 *    the transaction that moves its cursor; unique per (event, recipient), so a change is queued once.
 * 2. The sender waits `digestSeconds` after a request's first pending update, so updates that come
 *    within minutes go out as one mail. Then, if the admin wrote in the conversation within
 *    `awayMinutes`, they saw it in the chat: the rows are `skipped_present`. Unsubscribed: skipped.
 *    Without a mail server: `skipped_no_mail_server` (the console says the admin was not notified).
 *    Otherwise one mail; its Message-ID is fixed before it is sent, and its rows become `sent`.
 * 3. A refused or timed-out send is retried with backoff (the turn that made the change never waits on
 *    SMTP). A crash after the server took the mail and before the rows were marked re-sends it with the
 *    same Message-ID, which mail systems treat as the same message.
 */

export type NotificationState = 'pending' | 'sending' | 'sent' | 'skipped_present' | 'skipped_no_mail_server' | 'skipped_unsubscribed' | 'failed';

export interface NotificationRecord {
  id: string;
  ticketNumber: string;
  recipient: string;
  kind: NotificationKind;
  state: NotificationState;
  attempts: number;
  messageId: string | null;
  lastError: string | null;
  occurredAt: Date;
  sentAt: Date | null;
}

interface Row {
  id: string | number;
  event_id: string;
  ticket_number: string;
  recipient: string;
  language: string;
  conversation_id: string | null;
  kind: NotificationKind;
  detail: { agentName?: string | null; agentId?: string; text?: string | null; note?: string | null; requesterName: string; description: string };
  occurred_at: Date;
  state: NotificationState;
  attempts: number;
  message_id: string | null;
  last_error: string | null;
  sent_at: Date | null;
}

const toRecord = (r: Row): NotificationRecord => ({
  id: String(r.id),
  ticketNumber: r.ticket_number,
  recipient: r.recipient,
  kind: r.kind,
  state: r.state,
  attempts: Number(r.attempts),
  messageId: r.message_id,
  lastError: r.last_error,
  occurredAt: new Date(r.occurred_at),
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
});

/** Which changes an admin hears about, and as what. Claims, internal moves and the admin's own acts are not news to them. */
function kindOf(event: OutboxEvent): NotificationKind | undefined {
  const d = event.data as { actor?: { kind?: string }; change?: { kind?: string; to?: string } };
  if (d.actor?.kind !== 'agent' || !d.change) return undefined;
  switch (d.change.kind) {
    case 'agent_message':
      return 'agent_message';
    case 'reopened':
      return 'reopened';
    case 'status_changed':
      return d.change.to === 'waiting_on_customer' ? 'needs_information' : d.change.to === 'resolved' ? 'resolved' : d.change.to === 'closed' ? 'closed' : undefined;
    default:
      return undefined;
  }
}

/** The outbox consumer: one notification per change worth telling and the requester's address. */
export function notificationsConsumer(onQueued: () => void = () => undefined): OutboxConsumer {
  let queued = false;
  return {
    name: 'notifications',
    async handle(tx: Queryable, events) {
      for (const event of events) {
        if (event.type !== 'ticket.updated' && event.type !== 'ticket.closed') continue;
        const kind = kindOf(event);
        if (!kind) continue;
        const data = event.data as {
          ticket: { number: string; language: string; conversationId: string | null; contactMethod: string; requester: { name: string; email: string }; description: string };
          change: { agentName?: string; text?: string; note?: string | null };
          actor: { id: string };
        };
        const { ticket, change } = data;
        // An admin who chose Teams hears it there: the handoff writes every agent's update into their chat
        // as a proactive message. Email on top would tell them everything twice.
        if (ticket.contactMethod === 'teams_chat') continue;
        const { rowCount } = await tx.query(
          `INSERT INTO notifications (event_id, ticket_number, recipient, language, conversation_id, kind, detail, occurred_at, next_attempt_at, created_at)
           VALUES ($1, $2, lower($3), $4, $5, $6, $7::jsonb, $8, now(), now()) ON CONFLICT (event_id, recipient) DO NOTHING`,
          [
            event.eventId,
            ticket.number,
            ticket.requester.email,
            ticket.language,
            ticket.conversationId,
            kind,
            JSON.stringify({
              agentName: change.agentName ?? null,
              agentId: data.actor.id,
              text: change.text ?? null,
              note: change.note ?? null,
              requesterName: ticket.requester.name,
              description: ticket.description,
            }),
            event.occurredAt,
          ],
        );
        queued ||= rowCount > 0;
      }
    },
    afterCommit() {
      if (queued) onQueued();
      queued = false;
    },
  };
}

export interface MailSettings {
  /** smtp:// or smtps:// URL of the mail server; undefined: notifications are skipped (and say so). */
  smtpUrl?: string;
  /** The sender, e.g. "Contoso Support <support@contoso.com>". */
  from?: string;
}

export interface NotificationSenderOptions {
  db: Db;
  log: Logger;
  mail: MailSettings;
  /** Updates within this many seconds of a request's first pending one go out as one mail. */
  digestSeconds: number;
  /** The admin counts as in the chat when they wrote in it within this many minutes. */
  awayMinutes: number;
  /** When the admin last wrote in the conversation (the handoff's transcript). */
  lastFromAdmin: (conversationId: string) => Promise<Date | null>;
  /** Whether the admin has the chat open right now (a widget stream on the conversation). */
  chatOpen?: (conversationId: string) => boolean;
  /** Agents' names by id (the agents module's), for "Jamie resolved it"; status changes carry only the id. */
  agentNames?: () => Promise<ReadonlyMap<string, string>>;
  /** The public address of this server, for the links (the widget page, the unsubscribe page); undefined: no links. */
  publicBaseUrl: () => string | undefined;
  maxAttempts?: number;
  /** The first retry's longest wait after the mail server refused; doubles each time, up to an hour. Default 30 s. */
  retryBaseSeconds?: number;
  now?: () => Date;
  idleMs?: number;
}

export interface NotificationSender {
  wake(): void;
  /** Sends (or skips) every group that is due now (tests). */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

export const UNSUBSCRIBE_PATH = '/notifications/unsubscribe/';

/** The key that signs unsubscribe links: made once, kept in the database (every instance signs alike). */
async function unsubscribeKey(db: Db): Promise<Buffer> {
  await db.query('INSERT INTO notification_keys (id, secret, created_at) VALUES (1, $1, now()) ON CONFLICT (id) DO NOTHING', [randomBytes(32).toString('base64')]);
  const { rows } = await db.query<{ secret: string }>('SELECT secret FROM notification_keys WHERE id = 1');
  return Buffer.from(rows[0]!.secret, 'base64');
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export async function unsubscribeToken(db: Db, ticketNumber: string, recipient: string, language: Language): Promise<string> {
  const payload = b64url(JSON.stringify([ticketNumber, recipient.toLowerCase(), language]));
  return `${payload}.${createHmac('sha256', await unsubscribeKey(db)).update(payload).digest('base64url')}`;
}

/** The request and address an unsubscribe token names, when it is one of ours. */
export async function readUnsubscribeToken(db: Db, token: string): Promise<{ ticketNumber: string; recipient: string; language: Language } | undefined> {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || token.length > 1000) return undefined;
  const expected = createHmac('sha256', await unsubscribeKey(db)).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const [ticketNumber, recipient, language] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string, string];
    return typeof ticketNumber === 'string' && typeof recipient === 'string' ? { ticketNumber, recipient, language: isLanguage(language) ? language : 'en' } : undefined;
  } catch {
    return undefined;
  }
}

export async function unsubscribe(db: Db, ticketNumber: string, recipient: string): Promise<void> {
  await db.query('INSERT INTO notification_unsubscribes (ticket_number, recipient, at) VALUES ($1, lower($2), now()) ON CONFLICT DO NOTHING', [ticketNumber, recipient]);
}

/** A ticket's notifications, newest first (the agent console shows whether the admin was told). */
export async function ticketNotifications(db: Db, ticketNumber: string): Promise<NotificationRecord[]> {
  const { rows } = await db.query<Row>('SELECT * FROM notifications WHERE ticket_number = $1 ORDER BY id DESC LIMIT 100', [ticketNumber]);
  return rows.map(toRecord);
}

/** Exponential backoff with full jitter, from `base` seconds up to an hour. */
const retryDelayMs = (attempt: number, base: number) => Math.round(Math.min(3600, base * 2 ** Math.max(0, attempt - 1)) * 1000 * (0.1 + 0.9 * Math.random()));

export function startNotificationSender(opts: NotificationSenderOptions): NotificationSender {
  const { db, log, mail } = opts;
  const now = opts.now ?? (() => new Date());
  const maxAttempts = opts.maxAttempts ?? 8;
  const idleMs = opts.idleMs ?? 5000;
  // One transport for the process (src/notifications/mailTransport.ts).
  const transport = mail.smtpUrl ? mailTransport(mail.smtpUrl, mail.from) : undefined;
  let warnedNoServer = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  /** Claims the oldest due group (one request, one recipient) whose digest window has passed. */
  async function claimGroup(): Promise<Row[]> {
    const at = now();
    return db.transaction(async (tx) => {
      const { rows: due } = await tx.query<{ ticket_number: string; recipient: string }>(
        `SELECT ticket_number, recipient FROM notifications
          WHERE (state = 'pending' AND next_attempt_at <= $1) OR (state = 'sending' AND lease_until < $1)
          GROUP BY ticket_number, recipient
         HAVING min(created_at) <= $2
          ORDER BY min(id) LIMIT 1`,
        [at, new Date(at.getTime() - opts.digestSeconds * 1000)],
      );
      const group = due[0];
      if (!group) return [];
      const { rows } = await tx.query<Row>(
        `UPDATE notifications SET state = 'sending', attempts = attempts + 1, lease_until = $4,
           message_id = coalesce(message_id, $5)
          WHERE id IN (SELECT id FROM notifications WHERE ticket_number = $1 AND recipient = $2
                         AND ((state = 'pending' AND next_attempt_at <= $3) OR (state = 'sending' AND lease_until < $3))
                         ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        [group.ticket_number, group.recipient, at, new Date(at.getTime() + 60_000), `<${randomBytes(12).toString('hex')}.${group.ticket_number.toLowerCase()}@support-assistant>`],
      );
      return rows.sort((a, b) => Number(a.id) - Number(b.id));
    });
  }

  const finish = (rows: Row[], state: NotificationState, fields: { error?: string | null; retryAt?: Date } = {}) =>
    db.query(
      `UPDATE notifications SET state = $2, lease_until = NULL, last_error = $3, next_attempt_at = coalesce($4, next_attempt_at), sent_at = CASE WHEN $2 = 'sent' THEN $5::timestamptz ELSE sent_at END
        WHERE id = ANY($1::bigint[])`,
      [rows.map((r) => String(r.id)), state, fields.error ?? null, fields.retryAt ?? null, now()],
    );

  async function deliver(rows: Row[]): Promise<void> {
    const first = rows[0]!;
    const { rows: unsub } = await db.query('SELECT 1 FROM notification_unsubscribes WHERE ticket_number = $1 AND recipient = $2', [first.ticket_number, first.recipient]);
    if (unsub.length > 0) return void (await finish(rows, 'skipped_unsubscribed'));
    if (first.conversation_id && opts.chatOpen?.(first.conversation_id)) return void (await finish(rows, 'skipped_present'));
    if (first.conversation_id) {
      const last = await opts.lastFromAdmin(first.conversation_id);
      if (last && now().getTime() - last.getTime() < opts.awayMinutes * 60_000) return void (await finish(rows, 'skipped_present'));
    }
    if (!transport) {
      if (!warnedNoServer) log.warn('an admin was not emailed about their request: no mail server is configured (SMTP_URL)');
      warnedNoServer = true;
      return void (await finish(rows, 'skipped_no_mail_server'));
    }
    const language: Language = isLanguage(first.language) ? first.language : 'en';
    const base = opts.publicBaseUrl();
    const unsubscribeLink = base ? `${base}${UNSUBSCRIBE_PATH}${await unsubscribeToken(db, first.ticket_number, first.recipient, language)}` : null;
    const chatLink = base ? `${base}/?sr=${encodeURIComponent(first.ticket_number)}` : null;
    const names = (await opts.agentNames?.().catch(() => undefined)) ?? new Map<string, string>();
    const items: NotificationItem[] = rows.map((r) => ({
      kind: r.kind,
      agentName: r.detail.agentName ?? (r.detail.agentId ? (names.get(r.detail.agentId) ?? null) : null),
      text: r.detail.text,
      note: r.detail.note,
      at: new Date(r.occurred_at),
    }));
    const rendered = renderNotificationMail({ language, requesterName: first.detail.requesterName, ticketNumber: first.ticket_number, description: first.detail.description, items, chatLink, unsubscribeLink });
    const thread = `<${first.ticket_number.toLowerCase()}@support-assistant>`;
    try {
      await transport.sendMail({
        to: first.recipient,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: first.message_id ?? undefined,
        // Mail clients thread every update of a request together.
        inReplyTo: thread,
        references: [thread],
        ...(unsubscribeLink ? { list: { unsubscribe: { url: unsubscribeLink, comment: 'Unsubscribe' } }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
      });
      await finish(rows, 'sent');
    } catch (err) {
      const attempts = Math.max(...rows.map((r) => Number(r.attempts)));
      const message = (err as Error).message.slice(0, 500);
      if (attempts >= maxAttempts) {
        await finish(rows, 'failed', { error: message });
        log.warn({ ticket: first.ticket_number, attempts, error: message }, 'an email notification failed for good');
      } else {
        await finish(rows, 'pending', { error: message, retryAt: new Date(now().getTime() + retryDelayMs(attempts, opts.retryBaseSeconds ?? 30)) });
        log.warn({ ticket: first.ticket_number, attempts, error: message }, 'the mail server did not take a notification; it is retried');
      }
    }
  }

  async function runDue(): Promise<number> {
    let groups = 0;
    for (;;) {
      const rows = await claimGroup();
      if (rows.length === 0 || stopped) return groups;
      await deliver(rows).catch((err) => log.warn({ err }, 'a notification could not be handled'));
      groups += 1;
    }
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), Math.max(0, Math.min(idleMs, ms)));
    timer.unref();
  };

  async function tick(): Promise<void> {
    if (running || stopped) return;
    running = runDue();
    try {
      await running;
    } catch (err) {
      log.warn({ err }, 'the notification sender failed a round; it tries again shortly');
    } finally {
      running = undefined;
      schedule(Math.min(idleMs, opts.digestSeconds * 1000));
    }
  }

  schedule(0);
  return {
    wake: () => schedule(opts.digestSeconds * 1000 + 50),
    async runDue() {
      await running;
      return runDue();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport?.close();
    },
  };
}
