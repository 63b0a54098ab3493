import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Language } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Db, Queryable } from '../storage/index.js';
import type { TicketAccess } from '../tickets/index.js';

/**
 * One-time codes that prove a person in this chat owns a request filed under another requester id (a
 * ticket filed in another browser, say). A right code links the ticket to the new id (tickets'
 * `ticket_requesters`), after which the ticket service shows it to them like their own.
 *
 * Six digits guess badly only if guesses are few: a code lives 15 minutes, takes 5 wrong tries before it
 * locks, and a ticket gets at most 3 codes an hour whoever asks (15 guesses an hour in a million), a
 * requester at most 5 an hour over all tickets. The counts are rows of `ownership_codes`, and a code is
 * issued under a per-ticket advisory lock, so every instance on the database keeps the same limits.
 *
 * The code is checked against a salted hash. Until mail sending exists (issue 19) an agent reads the
 * code out to the person, so the plain code is kept for agents while it is live and cleared once it is
 * used, locked or expired.
 */

export const CODE_LIFETIME_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
export const CODES_PER_TICKET_PER_HOUR = 3;
export const CODES_PER_REQUESTER_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;

export type CodeRequest =
  /** `emailedTo`: the address on the request, masked (j***@contoso.com), when the code is being mailed there. */
  | { kind: 'issued'; expiresAt: Date; emailedTo?: string }
  /** A live code for this ticket and requester exists: the person should type that one (`emailedTo`: it was mailed there). */
  | { kind: 'pending'; expiresAt: Date; emailedTo?: string }
  | { kind: 'rateLimited'; retryAt: Date }
  /** No ticket has this number, or the requester may already see it: nothing to prove. */
  | { kind: 'notApplicable' };

export type CodeCheck =
  | { kind: 'linked' }
  | { kind: 'wrong'; attemptsLeft: number }
  /** Too many wrong tries: this code is void; a new one may be requested. */
  | { kind: 'locked' }
  /** No live code for this ticket and requester (never requested, expired, or used). */
  | { kind: 'none' };

export interface PendingCode {
  code: string;
  requestedAt: Date;
  expiresAt: Date;
}

export interface OwnershipCodes {
  /** Whether a ticket with this number exists under another requester id than this one (and not linked to it). */
  heldByAnother(number: string, requesterId: string): Promise<boolean>;
  request(number: string, requesterId: string): Promise<CodeRequest>;
  check(number: string, requesterId: string, code: string): Promise<CodeCheck>;
  /** The live codes of a ticket, newest first, for the agent who reads one out. */
  pending(number: string): Promise<PendingCode[]>;
}

interface CodeRow {
  id: number | string;
  code_hash: string;
  attempts: number;
  expires_at: Date;
  locked_at: Date | null;
}

function hashCode(code: string, salt = randomBytes(16).toString('base64url')): string {
  return `${salt}$${createHash('sha256').update(`${salt}:${code}`).digest('base64url')}`;
}

function matches(code: string, stored: string): boolean {
  const salt = stored.split('$')[0]!;
  const a = Buffer.from(hashCode(code, salt));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The live codes of a ticket for agents (the agent API shows them beside the request). */
export async function pendingOwnershipCodes(db: Queryable, ticketNumber: string, now = new Date()): Promise<PendingCode[]> {
  const { rows } = await db.query<{ code_for_agents: string; created_at: Date; expires_at: Date }>(
    `SELECT code_for_agents, created_at, expires_at FROM ownership_codes
      WHERE ticket_number = $1 AND used_at IS NULL AND locked_at IS NULL AND expires_at > $2 AND code_for_agents IS NOT NULL
      ORDER BY created_at DESC`,
    [ticketNumber, now],
  );
  return rows.map((r) => ({ code: r.code_for_agents, requestedAt: new Date(r.created_at), expiresAt: new Date(r.expires_at) }));
}

/** The code's mail, sent by the composition root's mailer (src/notifications/); absent: agents read codes out. */
export type CodeMailer = (mail: { to: string; ticketNumber: string; code: string; expiresAt: Date; language: Language }) => Promise<void>;

/** "jamie.rivera@contoso.com" -> "j***@contoso.com": enough to recognise one's own address, not to learn someone's. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

export function createOwnershipCodes(db: Db, tickets: TicketAccess, now: () => Date = () => new Date(), opts: { mailCode?: CodeMailer; log?: Logger } = {}): OwnershipCodes {
  /** Plain codes nobody may use any more are not kept. */
  const forgetDeadCodes = (q: Queryable, at: Date) =>
    q.query('UPDATE ownership_codes SET code_for_agents = NULL WHERE code_for_agents IS NOT NULL AND (expires_at <= $1 OR used_at IS NOT NULL OR locked_at IS NOT NULL)', [at]);

  const liveCode = async (q: Queryable, number: string, requesterId: string, at: Date, forUpdate: boolean) =>
    (
      await q.query<CodeRow>(
        `SELECT id, code_hash, attempts, expires_at, locked_at FROM ownership_codes
          WHERE ticket_number = $1 AND requester_id = $2 AND used_at IS NULL AND expires_at > $3
          ORDER BY created_at DESC, id DESC LIMIT 1 ${forUpdate ? 'FOR UPDATE' : ''}`,
        [number, requesterId, at],
      )
    ).rows[0];

  const service: OwnershipCodes = {
    async heldByAnother(number, requesterId) {
      const holder = await tickets.holder(number);
      return !!holder && !(await tickets.mayRequesterSee(holder.number, requesterId));
    },

    async request(rawNumber, requesterId) {
      const holder = await tickets.holder(rawNumber);
      if (!holder || (await tickets.mayRequesterSee(holder.number, requesterId))) return { kind: 'notApplicable' };
      const number = holder.number;
      const result = await db.transaction(async (tx) => {
        // One issuer per ticket at a time, on every instance: the hourly counts below cannot be raced past.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ownership-code:${number}`]);
        const at = now();
        await forgetDeadCodes(tx, at);
        const live = await liveCode(tx, number, requesterId, at, false);
        if (live && !live.locked_at) return { kind: 'pending', expiresAt: new Date(live.expires_at) } as const;
        const since = new Date(at.getTime() - HOUR_MS);
        const recent = async (column: 'ticket_number' | 'requester_id', value: string, max: number) => {
          const { rows } = await tx.query<{ created_at: Date }>(
            `SELECT created_at FROM ownership_codes WHERE ${column} = $1 AND created_at > $2 ORDER BY created_at ASC`,
            [value, since],
          );
          // Allowed again an hour after the oldest of the last `max` codes.
          return rows.length >= max ? new Date(new Date(rows[rows.length - max]!.created_at).getTime() + HOUR_MS) : undefined;
        };
        const retryAt = (await recent('ticket_number', number, CODES_PER_TICKET_PER_HOUR)) ?? (await recent('requester_id', requesterId, CODES_PER_REQUESTER_PER_HOUR));
        if (retryAt) return { kind: 'rateLimited', retryAt } as const;
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const expiresAt = new Date(at.getTime() + CODE_LIFETIME_MINUTES * 60 * 1000);
        await tx.query(
          `INSERT INTO ownership_codes (ticket_number, requester_id, code_hash, code_for_agents, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [number, requesterId, hashCode(code), code, at, expiresAt],
        );
        return { kind: 'issued', expiresAt, code } as const;
      });
      if (result.kind === 'pending' && opts.mailCode) return { ...result, emailedTo: maskEmail(holder.email) };
      if (result.kind !== 'issued') return result;
      if (!opts.mailCode) return { kind: 'issued', expiresAt: result.expiresAt };
      // To the address on the request, never one the asker types. Not awaited: the turn does not wait on
      // the mail server; a code whose mail fails can still be read out by an agent (the console shows it).
      const mail = { to: holder.email, ticketNumber: number, code: result.code, expiresAt: result.expiresAt, language: holder.language };
      void opts.mailCode(mail).catch((err) => opts.log?.warn({ err: { message: (err as Error).message }, ticket: number }, 'the one-time code could not be emailed'));
      return { kind: 'issued', expiresAt: result.expiresAt, emailedTo: maskEmail(holder.email) };
    },

    async check(rawNumber, requesterId, rawCode) {
      const holder = await tickets.holder(rawNumber);
      if (!holder) return { kind: 'none' };
      const number = holder.number;
      const code = rawCode.replace(/\s+/g, '');
      const outcome = await db.transaction(async (tx): Promise<CodeCheck> => {
        const at = now();
        const live = await liveCode(tx, number, requesterId, at, true);
        if (!live) return { kind: 'none' };
        if (live.locked_at) return { kind: 'locked' };
        if (/^\d{6}$/.test(code) && matches(code, live.code_hash)) {
          await tx.query('UPDATE ownership_codes SET used_at = $2, code_for_agents = NULL WHERE id = $1', [live.id, at]);
          return { kind: 'linked' };
        }
        const attempts = live.attempts + 1;
        const locked = attempts >= MAX_CODE_ATTEMPTS;
        await tx.query(
          'UPDATE ownership_codes SET attempts = $2, locked_at = $3, code_for_agents = CASE WHEN $3::timestamptz IS NULL THEN code_for_agents END WHERE id = $1',
          [live.id, attempts, locked ? at : null],
        );
        return locked ? { kind: 'locked' } : { kind: 'wrong', attemptsLeft: MAX_CODE_ATTEMPTS - attempts };
      });
      // Linked after the code is spent: a crash in between costs the person a new code, never a second use.
      if (outcome.kind === 'linked' && !(await tickets.link(number, requesterId, 'ownership_code', now()))) return { kind: 'none' };
      return outcome;
    },

    pending(number) {
      return pendingOwnershipCodes(db, number, now());
    },
  };
  return service;
}
