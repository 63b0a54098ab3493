import { SORRY_MESSAGE } from '../../src/channels/adapter.js';
import type { Db } from '../../src/storage/db.js';

/** What a response to any input, however malformed, must never be. */

/** Traces of internals: stack frames, source paths, exception names, database errors. */
const INTERNALS = [
  /\n\s+at .+:\d+:\d+/,
  /\b[\w/.-]+\.(ts|js|cjs|mjs):\d+/,
  /node_modules/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError|ZodError|DialogContextError|ETagConflictError)\b/,
  /"stack"\s*:/,
  /\b(SQLSTATE|violates|duplicate key|relation "|column "|syntax error at|invalid input syntax|PGlite|pg_catalog)\b/i,
];

export interface Exchange {
  /** A short description of the request, with the case number, to reproduce it. */
  request: string;
  status: number;
  text: string;
}

/** Problems with one response: a 5xx, internals in the body, or a turn that failed on the input. */
export function problemsWith(exchange: Exchange): string[] {
  const problems: string[] = [];
  if (exchange.status >= 500) problems.push(`status ${exchange.status}`);
  for (const pattern of INTERNALS) if (pattern.test(exchange.text)) problems.push(`body shows internals (${pattern})`);
  if (exchange.text.includes(SORRY_MESSAGE.slice(0, 40))) problems.push('the turn failed (the apology was sent)');
  return problems.map((p) => `${exchange.request} -> ${p}: ${exchange.text.slice(0, 300)}`);
}

/** Other people's data, as rows; compared before and after the fuzzing. */
export async function victimSnapshot(db: Db, victim: { tickets: string[]; agentIds: string[]; incidentIds: string[]; directLineConversations: string[]; botStateKeys: string[] }) {
  const rows = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows;
  return {
    tickets: await rows('SELECT * FROM tickets WHERE number = ANY($1::text[]) ORDER BY number', [victim.tickets]),
    ticketEvents: await rows('SELECT e.* FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.number = ANY($1::text[]) ORDER BY e.id', [victim.tickets]),
    handoffs: await rows('SELECT * FROM handoffs WHERE ticket_number = ANY($1::text[]) ORDER BY id', [victim.tickets]),
    handoffMessages: await rows('SELECT * FROM handoff_messages WHERE ticket_number = ANY($1::text[]) ORDER BY id', [victim.tickets]),
    agents: await rows('SELECT * FROM agents WHERE id = ANY($1::text[]) ORDER BY id', [victim.agentIds]),
    incidents: await rows('SELECT * FROM incidents WHERE id = ANY($1::text[]) ORDER BY id', [victim.incidentIds]),
    directLine: await rows('SELECT conversation_id, seq, activity FROM directline_activities WHERE conversation_id = ANY($1::text[]) ORDER BY conversation_id, seq', [
      victim.directLineConversations,
    ]),
    botState: await rows('SELECT key, etag, data FROM bot_state WHERE key = ANY($1::text[]) ORDER BY key', [victim.botStateKeys]),
  };
}
