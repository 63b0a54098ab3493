import { type PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './db.js';

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(target: PgliteLike): Queryable {
  return {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const res = await target.query<T>(sql, params as unknown[]);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/** Wraps an open PGlite instance (in memory, a data folder, or loaded from a dump). */
export function pgliteDb(pg: PGlite, onClose?: () => Promise<void> | void): Db {
  const q = wrap(pg);
  return {
    kind: 'pglite',
    query: q.query,
    exec: q.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (!pg.closed) await pg.close();
      await onClose?.();
    },
  };
}
