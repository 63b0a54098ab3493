import type { Queryable } from '../storage/index.js';
import { TicketError } from './ticketError.js';
import { parseTicketNumber } from './ticketNumber.js';
import { rowToTicket, type TicketRow } from './ticketRows.js';
import type { Severity, Ticket, TicketStatus } from './ticketTypes.js';

/**
 * Search over every request, open and ended, for agents: by number, requester (name or email), words of
 * the description and product, status, severity and filing date; newest first, a page at a time.
 *
 * Kept fast on large tables (migration 014): each filter is an indexed predicate (the number's unique
 * index, lower(requester_email), a GIN full-text index, (status|severity, created_at, id)), the order is
 * (created_at, id) descending and paging is by keyset (the cursor is the last row's (created_at, id)),
 * so a page never scans what earlier pages returned. Chinese text has no spaces to cut words at, so a
 * query with Han characters matches by substring instead, bounded by the same order and LIMIT.
 */

export type StatusFilter = TicketStatus | 'open' | 'ended';

export interface TicketSearch {
  /** A ticket number, an email address, or words (all must appear, each as a word prefix). */
  q?: string;
  status?: StatusFilter;
  severity?: Severity;
  /** Filed at or after. */
  from?: Date;
  /** Filed before. */
  to?: Date;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
  /** Page size, 1-200 (default 50). */
  limit?: number;
}

export interface TicketSearchPage {
  tickets: Ticket[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const SEARCH_TEXT = "to_tsvector('simple', requester_name || ' ' || requester_email || ' ' || coalesce(product, '') || ' ' || description)";
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;

export function encodeCursor(createdAt: Date, id: number | string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), String(id)])).toString('base64url');
}

/** The position a cursor stands for, or undefined when it is not one this code wrote. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return undefined;
    const createdAt = new Date(value[0]);
    if (Number.isNaN(createdAt.getTime()) || !/^\d{1,19}$/.test(value[1])) return undefined;
    return { createdAt, id: value[1] };
  } catch {
    return undefined;
  }
}

/** Words as full-text prefixes ("sam fabri" -> "sam:* & fabri:*"); only letters and digits, so the query cannot be malformed. */
function prefixQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 8).map((w) => `${w}:*`).join(' & ') : undefined;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchTickets(db: Queryable, search: TicketSearch): Promise<TicketSearchPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  const q = search.q?.trim();
  if (q) {
    const number = parseTicketNumber(q);
    if (number) where.push(`number = ${param(number)}`);
    else if (q.includes('@')) where.push(`lower(requester_email) = ${param(q.toLowerCase())}`);
    else if (HAN.test(q)) {
      const p = param(likePattern(q));
      where.push(`(description ILIKE ${p} OR requester_name ILIKE ${p} OR product ILIKE ${p})`);
    } else {
      const words = prefixQuery(q);
      if (words) where.push(`${SEARCH_TEXT} @@ to_tsquery('simple', ${param(words)})`);
    }
  }
  if (search.status === 'open') where.push("status IN ('new', 'in_progress', 'waiting_on_customer')");
  else if (search.status === 'ended') where.push("status IN ('resolved', 'closed')");
  else if (search.status) where.push(`status = ${param(search.status)}`);
  if (search.severity) where.push(`severity = ${param(search.severity)}`);
  if (search.from) where.push(`created_at >= ${param(search.from)}`);
  if (search.to) where.push(`created_at < ${param(search.to)}`);
  if (search.cursor) {
    const at = decodeCursor(search.cursor);
    if (!at) throw new TicketError('invalid_input', 'cursor: not one this search returned; start again from the first page.');
    where.push(`(created_at, id) < (${param(at.createdAt)}, ${param(at.id)}::bigint)`);
  }
  const limit = Math.max(1, Math.min(search.limit ?? 50, 200));
  const { rows } = await db.query<TicketRow>(
    `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${param(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { tickets: page.map(rowToTicket), nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
}
