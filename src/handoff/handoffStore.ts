import { type Db, perTickBatch, type Queryable } from '../storage/index.js';

/**
 * Handoff rows and the live chat, in plain SQL. A conversation has at most one live handoff (a unique
 * partial index), so two instances racing to start one for the same conversation cannot both win.
 */

export type HandoffStatus = 'waiting' | 'with_agent' | 'ended';
export type EndReason = 'cancelled' | 'handed_back' | 'resolved' | 'closed';

export interface Handoff {
  id: number;
  conversationId: string;
  ticketNumber: string;
  status: HandoffStatus;
  agentId: string | null;
  endReason: EndReason | null;
  waitingNoted: boolean;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export type Sender = 'admin' | 'agent' | 'system';

export interface ChatMessage {
  id: number;
  ticketNumber: string;
  sender: Sender;
  agentId: string | null;
  /** The agent's display name for agent messages. */
  agentName: string | null;
  text: string;
  at: Date;
}

interface HandoffRow {
  id: number | string;
  conversation_id: string;
  ticket_number: string;
  status: HandoffStatus;
  agent_id: string | null;
  end_reason: EndReason | null;
  waiting_noted: boolean;
  created_at: Date;
  updated_at: Date;
  ended_at: Date | null;
}

interface MessageRow {
  id: number | string;
  ticket_number: string;
  sender: Sender;
  agent_id: string | null;
  agent_name: string | null;
  text: string;
  at: Date;
}

const toHandoff = (r: HandoffRow): Handoff => ({
  id: Number(r.id),
  conversationId: r.conversation_id,
  ticketNumber: r.ticket_number,
  status: r.status,
  agentId: r.agent_id,
  endReason: r.end_reason,
  waitingNoted: r.waiting_noted,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  endedAt: r.ended_at ? new Date(r.ended_at) : null,
});

const toMessage = (r: MessageRow): ChatMessage => ({
  id: Number(r.id),
  ticketNumber: r.ticket_number,
  sender: r.sender,
  agentId: r.agent_id,
  agentName: r.agent_name,
  text: r.text,
  at: new Date(r.at),
});

const MESSAGE_SELECT = 'SELECT m.*, a.name AS agent_name FROM handoff_messages m LEFT JOIN agents a ON a.id = m.agent_id';

export interface HandoffStore {
  /** Agents in a live chat now (the agent store counts them as busy). */
  busyAgentIds(): Promise<Set<string>>;
  /** The live handoff of a conversation: one indexed lookup, made for every admin message. */
  liveForConversation(conversationId: string): Promise<Handoff | undefined>;
  liveForTicket(ticketNumber: string): Promise<Handoff | undefined>;
  /** The most recent handoff of a ticket, live or ended. */
  latestForTicket(ticketNumber: string): Promise<Handoff | undefined>;
  /**
   * Starts a handoff, or returns the conversation's live one when there already is one (`created`
   * false); a live handoff for another ticket is left alone and returned as it is.
   */
  /**
   * Starts a live handoff for the conversation, or returns the one already live (`created: false`).
   * `inTransaction` runs in the same transaction when one is created (the outbox's `handoff.started`).
   */
  start(
    input: { conversationId: string; ticketNumber: string; status: 'waiting' | 'with_agent'; agentId?: string | null },
    inTransaction?: (tx: Queryable, handoff: Handoff) => Promise<void>,
  ): Promise<{ handoff: Handoff; created: boolean }>;
  /**
   * Puts the agent on the live handoff if it is waiting or already theirs (or, for an explicit take-over,
   * held by one of `fromAgentIds`). Undefined when another agent holds it: the conditional update is what
   * keeps two agents from taking one conversation.
   */
  takeOver(handoffId: number, agentId: string, fromAgentIds?: readonly string[]): Promise<Handoff | undefined>;
  /** Back to waiting (the agent left). */
  requeue(handoffId: number): Promise<Handoff | undefined>;
  end(handoffId: number, reason: EndReason): Promise<Handoff | undefined>;
  /** True the first time only. */
  markWaitingNoted(handoffId: number): Promise<boolean>;
  /** `inTransaction` runs in the message's transaction (the outbox's event for an agent's message). */
  addMessage(input: { ticketNumber: string; sender: Sender; agentId?: string | null; text: string }, inTransaction?: (tx: Queryable, message: ChatMessage) => Promise<void>): Promise<ChatMessage>;
  message(id: number): Promise<ChatMessage | undefined>;
  /** The chat of a ticket, oldest first; `afterId` for what came since. */
  messages(ticketNumber: string, opts?: { afterId?: number; limit?: number }): Promise<ChatMessage[]>;
  /** Live handoffs by ticket number, for the queue. */
  liveByTicket(ticketNumbers: string[]): Promise<Map<string, Handoff>>;
}

export function createHandoffStore(db: Db, now: () => Date = () => new Date()): HandoffStore {
  const one = async (q: Queryable, sql: string, params: unknown[]) => {
    const { rows } = await q.query<HandoffRow>(sql, params);
    return rows[0] && toHandoff(rows[0]);
  };

  const store: HandoffStore = {
    // Asked on every admin message: the lookups of turns running together are one statement.
    liveForConversation: perTickBatch(async (conversationIds: string[]) => {
      const { rows } = await db.query<HandoffRow>('SELECT * FROM handoffs WHERE conversation_id = ANY($1::text[]) AND status <> \'ended\'', [
        [...new Set(conversationIds)],
      ]);
      const live = new Map(rows.map((r) => [r.conversation_id, r]));
      return conversationIds.map((id) => {
        const row = live.get(id);
        return row && toHandoff(row);
      });
    }),
    async busyAgentIds() {
      const { rows } = await db.query<{ agent_id: string }>("SELECT DISTINCT agent_id FROM handoffs WHERE status = 'with_agent' AND agent_id IS NOT NULL");
      return new Set(rows.map((r) => r.agent_id));
    },
    liveForTicket: (ticketNumber) => one(db, 'SELECT * FROM handoffs WHERE ticket_number = $1 AND status <> \'ended\' ORDER BY id DESC LIMIT 1', [ticketNumber]),
    latestForTicket: (ticketNumber) => one(db, 'SELECT * FROM handoffs WHERE ticket_number = $1 ORDER BY id DESC LIMIT 1', [ticketNumber]),

    async start({ conversationId, ticketNumber, status, agentId }, inTransaction) {
      const at = now();
      // ON CONFLICT on the one-live-handoff-per-conversation index: a race ends in the live one, and the
      // transaction stays usable (a unique violation would abort it on PostgreSQL).
      const created = await db.transaction(async (tx) => {
        const handoff = await one(
          tx,
          `INSERT INTO handoffs (conversation_id, ticket_number, status, agent_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
           ON CONFLICT (conversation_id) WHERE status <> 'ended' DO NOTHING RETURNING *`,
          [conversationId, ticketNumber, status, agentId ?? null, at],
        );
        if (handoff && inTransaction) await inTransaction(tx, handoff);
        return handoff;
      });
      if (created) return { handoff: created, created: true };
      const live = await store.liveForConversation(conversationId);
      if (!live) throw new Error(`a live handoff of conversation ${conversationId} ended while another was being started`);
      return { handoff: live, created: false };
    },

    takeOver: (id, agentId, fromAgentIds = []) =>
      one(
        db,
        `UPDATE handoffs SET status = 'with_agent', agent_id = $2, updated_at = $3
          WHERE id = $1 AND status <> 'ended' AND (status = 'waiting' OR agent_id = $2 OR agent_id = ANY($4::text[])) RETURNING *`,
        [id, agentId, now(), [...fromAgentIds]],
      ),
    requeue: (id) => one(db, 'UPDATE handoffs SET status = \'waiting\', agent_id = NULL, updated_at = $2 WHERE id = $1 AND status <> \'ended\' RETURNING *', [id, now()]),
    end: (id, reason) =>
      one(db, 'UPDATE handoffs SET status = \'ended\', end_reason = $2, ended_at = $3, updated_at = $3 WHERE id = $1 AND status <> \'ended\' RETURNING *', [id, reason, now()]),

    async markWaitingNoted(id) {
      const { rowCount } = await db.query('UPDATE handoffs SET waiting_noted = true WHERE id = $1 AND NOT waiting_noted', [id]);
      return rowCount > 0;
    },

    async addMessage({ ticketNumber, sender, agentId, text }, inTransaction) {
      const insert = async (q: Queryable) => {
        const { rows } = await q.query<MessageRow>(
          `WITH m AS (INSERT INTO handoff_messages (ticket_number, sender, agent_id, text, at) VALUES ($1, $2, $3, $4, $5) RETURNING *)
           SELECT m.*, a.name AS agent_name FROM m LEFT JOIN agents a ON a.id = m.agent_id`,
          [ticketNumber, sender, agentId ?? null, text, now()],
        );
        const message = toMessage(rows[0]!);
        if (inTransaction) await inTransaction(q, message);
        return message;
      };
      return inTransaction ? db.transaction(insert) : insert(db);
    },

    async message(id) {
      const { rows } = await db.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
      return rows[0] && toMessage(rows[0]);
    },

    async messages(ticketNumber, opts) {
      const limit = Math.max(1, Math.min(opts?.limit ?? 500, 2000));
      const { rows } = await db.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.ticket_number = $1 AND m.id > $2 ORDER BY m.id LIMIT $3`, [
        ticketNumber,
        opts?.afterId ?? 0,
        limit,
      ]);
      return rows.map(toMessage);
    },

    async liveByTicket(ticketNumbers) {
      if (ticketNumbers.length === 0) return new Map();
      const { rows } = await db.query<HandoffRow>('SELECT * FROM handoffs WHERE status <> \'ended\' AND ticket_number = ANY($1::text[])', [ticketNumbers]);
      return new Map(rows.map((r) => [r.ticket_number, toHandoff(r)]));
    },
  };
  return store;
}
