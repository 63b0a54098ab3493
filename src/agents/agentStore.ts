import { z } from 'zod';
import { type Db, perTickBatch } from '../storage/index.js';
import { hashesMatch, hashToken, looksLikeToken, newToken } from './agentTokens.js';

/**
 * Support agents in the database. An agent signs in to the API and the console with the token that
 * `add` returns once; the store keeps only its hash.
 *
 * Presence: an agent is online while they used the API in the last `onlineMinutes` (an open console
 * stream counts: it refreshes the time every 30 seconds). It lives in the database, so every bot
 * instance sees the same agents online.
 */

export const agentRoles = ['agent', 'manager'] as const;
/** A manager is an agent who also sees the team's insights and configures its webhooks. */
export type AgentRole = (typeof agentRoles)[number];

export interface Agent {
  id: string;
  name: string;
  role: AgentRole;
  createdAt: Date;
  lastSeenAt: Date | null;
}

export interface AgentListing extends Agent {
  online: boolean;
  /** In a live chat with an admin right now. */
  busy: boolean;
}

export const agentNameSchema = z.string().trim().min(1, 'a name is needed').max(100, 'at most 100 characters');

interface AgentRow {
  id: string;
  name: string;
  token_hash: string;
  role: AgentRole;
  created_at: Date;
  last_seen_at: Date | null;
  busy?: boolean;
}

const toAgent = (r: AgentRow): Agent => ({ id: r.id, name: r.name, role: r.role ?? 'agent', createdAt: new Date(r.created_at), lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at) : null });

export interface AgentStore {
  /** Creates an agent; the token is returned here and never again. */
  add(name: string, opts?: { role?: AgentRole }): Promise<{ agent: Agent; token: string }>;
  /** Changes an agent's role. False when there is no such (current) agent. */
  setRole(id: string, role: AgentRole): Promise<boolean>;
  /** Agents not removed, oldest first, with presence. */
  list(): Promise<AgentListing[]>;
  get(id: string): Promise<Agent | undefined>;
  /** Names of every agent ever added (removed ones too), for history and chat. */
  names(): Promise<Map<string, string>>;
  /** Revokes the agent's token. False when there is no such (current) agent. */
  remove(id: string): Promise<boolean>;
  /** The agent a bearer token belongs to, or undefined for anything else. */
  authenticate(token: string): Promise<Agent | undefined>;
  /**
   * The id of the agent a token still signs in, or undefined once it is revoked (or never was one).
   * Asked by every open console stream before each event it delivers and at each keep-alive, so it
   * reads the database every time (a revoke by the CLI or another instance is seen at once); the asks
   * of one turn of the event loop, from all the streams, are one query.
   */
  recheck(token: string): Promise<string | undefined>;
  /** Records that the agent is active (at most one write per agent every 30 seconds). */
  touch(agent: Agent): Promise<void>;
  /** Agents online now. */
  onlineCount(): Promise<number>;
  /** Agents online and not in a live chat: who could pick up the next request. */
  availableCount(): Promise<number>;
}

export interface AgentStoreOptions {
  now?: () => Date;
  /** Minutes after their last activity that an agent still counts as online. Default 5. */
  onlineMinutes?: number;
  /**
   * Agents in a live chat now. The handoff module owns that knowledge (its tables); the composition
   * root passes its reader in. Default: nobody is busy (e.g. the agent CLI).
   */
  busyAgentIds?: () => Promise<ReadonlySet<string>>;
}

const TOUCH_EVERY_MS = 30_000;

export function createAgentStore(db: Db, opts: AgentStoreOptions = {}): AgentStore {
  const now = opts.now ?? (() => new Date());
  const onlineMs = (opts.onlineMinutes ?? 5) * 60_000;
  const onlineSince = () => new Date(now().getTime() - onlineMs);
  // Last write per agent in this process, so a busy console does not write on every request.
  const touched = new Map<string, number>();
  const busyAgentIds = opts.busyAgentIds ?? (async () => new Set<string>());

  const currentByHash = perTickBatch(async (hashes: string[]) => {
    const { rows } = await db.query<Pick<AgentRow, 'id' | 'token_hash'>>(
      'SELECT id, token_hash FROM agents WHERE token_hash = ANY($1::text[]) AND removed_at IS NULL',
      [[...new Set(hashes)]],
    );
    const byHash = new Map(rows.map((r) => [r.token_hash, r]));
    return hashes.map((hash) => {
      const row = byHash.get(hash);
      return row && hashesMatch(row.token_hash, hash) ? row.id : undefined;
    });
  });

  return {
    async add(rawName, addOpts) {
      const name = agentNameSchema.parse(rawName);
      const role = z.enum(agentRoles).parse(addOpts?.role ?? 'agent');
      const token = newToken();
      const { rows } = await db.query<AgentRow>(
        'INSERT INTO agents (id, name, token_hash, role, created_at) VALUES (\'agent-\' || nextval(\'agent_seq\'), $1, $2, $3, $4) RETURNING *',
        [name, hashToken(token), role, now()],
      );
      return { agent: toAgent(rows[0]!), token };
    },

    async setRole(id, role) {
      const { rowCount } = await db.query('UPDATE agents SET role = $2 WHERE id = $1 AND removed_at IS NULL', [id, z.enum(agentRoles).parse(role)]);
      return rowCount > 0;
    },

    async list() {
      const [{ rows }, busy] = await Promise.all([
        db.query<AgentRow>('SELECT * FROM agents WHERE removed_at IS NULL ORDER BY created_at, id'),
        busyAgentIds(),
      ]);
      const since = onlineSince().getTime();
      return rows.map((r) => {
        const agent = toAgent(r);
        return { ...agent, online: !!agent.lastSeenAt && agent.lastSeenAt.getTime() >= since, busy: busy.has(agent.id) };
      });
    },

    async get(id) {
      const { rows } = await db.query<AgentRow>('SELECT * FROM agents WHERE id = $1 AND removed_at IS NULL', [id]);
      return rows[0] && toAgent(rows[0]);
    },

    async names() {
      const { rows } = await db.query<{ id: string; name: string }>('SELECT id, name FROM agents');
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    async remove(id) {
      const { rowCount } = await db.query('UPDATE agents SET removed_at = $2 WHERE id = $1 AND removed_at IS NULL', [id, now()]);
      touched.delete(id);
      return rowCount > 0;
    },

    async authenticate(token) {
      if (!looksLikeToken(token)) return undefined;
      const hash = hashToken(token);
      const { rows } = await db.query<AgentRow>('SELECT * FROM agents WHERE token_hash = $1 AND removed_at IS NULL', [hash]);
      const row = rows[0];
      return row && hashesMatch(row.token_hash, hash) ? toAgent(row) : undefined;
    },

    async recheck(token) {
      if (!looksLikeToken(token)) return undefined;
      return currentByHash(hashToken(token));
    },

    async touch(agent) {
      const at = now();
      const last = touched.get(agent.id);
      if (last !== undefined && at.getTime() - last < TOUCH_EVERY_MS) return;
      touched.set(agent.id, at.getTime());
      await db.query('UPDATE agents SET last_seen_at = $2 WHERE id = $1', [agent.id, at]);
    },

    async onlineCount() {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM agents WHERE removed_at IS NULL AND last_seen_at >= $1',
        [onlineSince()],
      );
      return Number(rows[0]!.n);
    },

    async availableCount() {
      const [{ rows }, busy] = await Promise.all([
        db.query<{ id: string }>('SELECT id FROM agents WHERE removed_at IS NULL AND last_seen_at >= $1', [onlineSince()]),
        busyAgentIds(),
      ]);
      return rows.filter((r) => !busy.has(r.id)).length;
    },
  };
}
