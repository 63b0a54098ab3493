import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db, Queryable } from './db.js';
import { isUniqueViolation } from './db.js';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * Bot Framework `Storage` on the project database, with the same eTag rules as botbuilder's
 * MemoryStorage: an unknown key reads as absent; a write whose eTag is missing or `*` overwrites; a
 * write whose eTag differs from the stored one is rejected; a batch is written atomically.
 */
export class DatabaseStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const { rows } = await this.db.query<{ key: string; etag: string; data: Record<string, unknown> }>(
      'SELECT key, etag, data FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.data, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const [key, item] of entries) await writeOne(tx, key, item ?? {});
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}

async function writeOne(tx: Queryable, key: string, item: Record<string, unknown>): Promise<void> {
  const { eTag, ...data } = item as { eTag?: string } & Record<string, unknown>;
  const json = JSON.stringify(data);
  const next = randomUUID();
  if (!eTag || eTag === '*') {
    await tx.query(
      `INSERT INTO bot_state (key, etag, data) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = now()`,
      [key, next, json],
    );
    return;
  }
  const updated = await tx.query('UPDATE bot_state SET etag = $2, data = $3::jsonb, updated_at = now() WHERE key = $1 AND etag = $4', [
    key,
    next,
    json,
    eTag,
  ]);
  if (updated.rowCount === 1) return;
  // No row with that eTag: either the key is new (write it, as MemoryStorage does) or someone else
  // changed it since it was read (conflict).
  try {
    const inserted = await tx.query(
      'INSERT INTO bot_state (key, etag, data) VALUES ($1, $2, $3::jsonb) ON CONFLICT (key) DO NOTHING',
      [key, next, json],
    );
    if (inserted.rowCount === 1) return;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  throw new ETagConflictError(key);
}
