import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db, Queryable } from './db.js';
import { perTickBatch } from './perTickBatch.js';
import type { RetentionStep } from './retention.js';

/**
 * Bot state's retention step: a conversation's place and case (problem, contact details) and an admin's
 * saved profile not changed within the period go. An admin who comes back later types their details again.
 */
export function botStateRetention(db: Db): RetentionStep {
  return {
    async deleteBefore(cutoff) {
      const { rowCount } = await db.query('DELETE FROM bot_state WHERE updated_at < $1', [cutoff]);
      return { botState: rowCount };
    },
  };
}

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

interface StateRow {
  key: string;
  etag: string;
  data: Record<string, unknown>;
}

/** One key to write: its new eTag, and the eTag it must still have (null: overwrite whatever is there). */
interface KeyWrite {
  key: string;
  etag: string;
  data: Record<string, unknown>;
  expected: string | null;
}

/**
 * Bot Framework `Storage` on the project database, with the same eTag rules as botbuilder's
 * MemoryStorage: an unknown key reads as absent; a write whose eTag is missing or `*` overwrites; a
 * write whose eTag differs from the stored one is rejected; a batch is written atomically. As in
 * MemoryStorage and CosmosDbPartitionedStorage, `read(null)` and `write(null)` reject with their
 * ReferenceErrors ('Keys are required when reading.', 'Changes are required when writing.') rather
 * than a TypeError from inside, and `delete(null)` with one of the same kind; botbuilder's storage
 * conformance suite runs against this class (test/storage/storageConformance.test.ts).
 *
 * Single-key reads and writes made during one turn of the event loop (a turn loading conversation and
 * user state together, and the turns of other conversations running at the same time) each go to the
 * database as one statement: on the embedded database the statement count is what a turn costs.
 */
export class DatabaseStorage implements Storage {
  private readonly readKey = perTickBatch((keys: string[]) => readKeys(this.db, keys));
  private readonly writeKey = perTickBatch((writes: KeyWrite[]) => writeKeys(this.db, writes));

  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const rows = await Promise.all(keys.map(this.readKey));
    const items: StoreItems = {};
    for (const row of rows) if (row) items[row.key] = { ...row.data, eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const writes = Object.entries(changes).map(([key, item]) => keyWrite(key, item ?? {}));
    if (writes.length === 0) return;
    if (writes.length === 1) {
      if (!(await this.writeKey(writes[0]!))) throw new ETagConflictError(writes[0]!.key);
      return;
    }
    // A batch from one caller is all or nothing.
    await this.db.transaction(async (tx) => {
      for (const w of writes) if (!(await upsertOne(tx, w))) throw new ETagConflictError(w.key);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}

function keyWrite(key: string, item: Record<string, unknown>): KeyWrite {
  const { eTag, ...data } = item as { eTag?: string } & Record<string, unknown>;
  return { key, etag: randomUUID(), data, expected: !eTag || eTag === '*' ? null : eTag };
}

/** One row per key asked for (undefined when absent); a key asked for twice gets two separate copies. */
async function readKeys(db: Queryable, keys: string[]): Promise<Array<StateRow | undefined>> {
  const { rows } = await db.query<StateRow>('SELECT key, etag, data FROM bot_state WHERE key = ANY($1::text[])', [[...new Set(keys)]]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const handedOut = new Set<string>();
  return keys.map((key) => {
    const row = byKey.get(key);
    if (!row) return undefined;
    // Callers mutate what they read: two readers of one key must not share an object.
    const copy = handedOut.has(key) ? structuredClone(row) : row;
    handedOut.add(key);
    return copy;
  });
}

/**
 * Writes several keys in one statement; true for each write that went in. A new key is inserted; an
 * existing one is overwritten when its write expects no eTag or the eTag still stored; otherwise it is
 * left alone (a conflict). Keys are written in key order, so two instances writing the same keys at
 * once lock them in the same order and cannot deadlock. A key written twice in one batch (rare: one
 * user in two conversations at once) is written in a second statement, after the first.
 */
async function writeKeys(db: Queryable, writes: KeyWrite[]): Promise<boolean[]> {
  const first = new Map<string, number>();
  const later: number[] = [];
  writes.forEach((w, i) => (first.has(w.key) ? later.push(i) : first.set(w.key, i)));
  const batch = [...first.values()].map((i) => writes[i]!);
  const { rows } = await db.query<{ key: string }>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(key text, etag text, data jsonb, expected text)
     )
     INSERT INTO bot_state AS b (key, etag, data)
     SELECT key, etag, data FROM input ORDER BY key
     ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = now()
     WHERE b.etag = coalesce((SELECT i.expected FROM input i WHERE i.key = EXCLUDED.key), b.etag)
     RETURNING b.key`,
    [JSON.stringify(batch)],
  );
  const written = new Set(rows.map((r) => r.key));
  const results = writes.map((w, i) => first.get(w.key) === i && written.has(w.key));
  if (later.length > 0) {
    const rest = await writeKeys(db, later.map((i) => writes[i]!));
    later.forEach((i, n) => (results[i] = rest[n]!));
  }
  return results;
}

/** One key inside a caller's transaction. */
async function upsertOne(q: Queryable, w: KeyWrite): Promise<boolean> {
  const { rowCount } = await q.query(
    `INSERT INTO bot_state (key, etag, data) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = now()
     WHERE $4::text IS NULL OR bot_state.etag = $4::text`,
    [w.key, w.etag, JSON.stringify(w.data), w.expected],
  );
  return rowCount === 1;
}
