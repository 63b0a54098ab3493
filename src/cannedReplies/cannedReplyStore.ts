import type { Language } from '../i18n/index.js';
import { isUniqueViolation, type Db } from '../storage/index.js';

/**
 * Canned replies (table `canned_replies`): texts agents share and insert into the reply box. Any agent
 * may create, edit or delete one; who last changed it is kept. A reply with a language is offered on
 * requests filed in that language; one without, on every request.
 */

export interface CannedReply {
  id: number;
  title: string;
  body: string;
  /** Null: for requests in any language. */
  language: Language | null;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CannedReplyInput {
  title: string;
  body: string;
  language?: Language | null;
}

/** A reply whose title (in the same language) another one already has. */
export class DuplicateTitleError extends Error {
  constructor(readonly title: string) {
    super(`A canned reply titled "${title}" already exists for that language.`);
  }
}

export interface CannedReplyStore {
  /** All replies, or those for `language` (and those for any language), by title. */
  list(opts?: { language?: Language }): Promise<CannedReply[]>;
  get(id: number): Promise<CannedReply | undefined>;
  create(input: CannedReplyInput, agentId: string): Promise<CannedReply>;
  /** Undefined when there is no such reply. */
  update(id: number, patch: Partial<CannedReplyInput>, agentId: string): Promise<CannedReply | undefined>;
  /** False when there was no such reply. */
  remove(id: number): Promise<boolean>;
}

interface Row {
  id: number | string;
  title: string;
  body: string;
  language: Language | null;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

const toReply = (r: Row): CannedReply => ({
  id: Number(r.id),
  title: r.title,
  body: r.body,
  language: r.language,
  createdBy: r.created_by,
  updatedBy: r.updated_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export function createCannedReplyStore(db: Db, now: () => Date = () => new Date()): CannedReplyStore {
  /** The unique index on (lower(title), language) is the one source of truth for duplicates. */
  const unique = async <T>(title: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateTitleError(title);
      throw err;
    }
  };

  return {
    async list(opts) {
      const { rows } = opts?.language
        ? await db.query<Row>('SELECT * FROM canned_replies WHERE language IS NULL OR language = $1 ORDER BY lower(title), id', [opts.language])
        : await db.query<Row>('SELECT * FROM canned_replies ORDER BY lower(title), id');
      return rows.map(toReply);
    },

    async get(id) {
      const { rows } = await db.query<Row>('SELECT * FROM canned_replies WHERE id = $1', [id]);
      return rows[0] && toReply(rows[0]);
    },

    async create(input, agentId) {
      const at = now();
      return unique(input.title, async () => {
        const { rows } = await db.query<Row>(
          `INSERT INTO canned_replies (title, body, language, created_by, updated_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $4, $5, $5) RETURNING *`,
          [input.title, input.body, input.language ?? null, agentId, at],
        );
        return toReply(rows[0]!);
      });
    },

    async update(id, patch, agentId) {
      const current = await this.get(id);
      if (!current) return undefined;
      const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      return unique(next.title, async () => {
        const { rows } = await db.query<Row>(
          'UPDATE canned_replies SET title = $2, body = $3, language = $4, updated_by = $5, updated_at = $6 WHERE id = $1 RETURNING *',
          [id, next.title, next.body, next.language ?? null, agentId, now()],
        );
        return rows[0] && toReply(rows[0]);
      });
    },

    async remove(id) {
      const { rowCount } = await db.query('DELETE FROM canned_replies WHERE id = $1', [id]);
      return rowCount > 0;
    },
  };
}
