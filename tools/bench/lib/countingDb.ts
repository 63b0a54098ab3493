import type { Db, Queryable } from '../../../src/storage/index.js';

/**
 * A Db that counts what goes to the database: statements (a transaction counts its BEGIN and COMMIT
 * too, as the engine runs them), bot-state keys read and written, and the JSON written to bot_state.
 * The hot-path benchmark reads the counters around each turn.
 */
export interface DbCounters {
  statements: number;
  transactions: number;
  stateReads: number;
  stateWrites: number;
  stateBytesWritten: number;
  byStatement: Map<string, number>;
}

export function emptyCounters(): DbCounters {
  return { statements: 0, transactions: 0, stateReads: 0, stateWrites: 0, stateBytesWritten: 0, byStatement: new Map() };
}

/** The first words of a statement, enough to tell them apart in a report. */
export function statementLabel(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  const table = /\b(?:FROM|INTO|UPDATE|TABLE)\s+([a-z_]+)/i.exec(flat)?.[1] ?? '';
  return `${flat.split(' ')[0]!.toUpperCase()} ${table}`.trim();
}

export function countingDb(db: Db, counters: DbCounters): Db {
  const count = (sql: string, params?: unknown[]) => {
    counters.statements += 1;
    const label = statementLabel(sql);
    counters.byStatement.set(label, (counters.byStatement.get(label) ?? 0) + 1);
    // Keys, not statements: DatabaseStorage reads and writes several keys in one statement.
    if (/FROM bot_state/i.test(sql) && /^\s*SELECT/i.test(sql)) counters.stateReads += Array.isArray(params?.[0]) ? (params[0] as unknown[]).length : 1;
    if (/(INSERT INTO|UPDATE) bot_state/i.test(sql)) {
      const json = params?.find((p): p is string => typeof p === 'string' && /^[[{]/.test(p));
      const items = json?.startsWith('[') ? (JSON.parse(json) as Array<{ data: unknown }>).map((i) => JSON.stringify(i.data)) : json ? [json] : [];
      counters.stateWrites += items.length;
      counters.stateBytesWritten += items.reduce((n, i) => n + Buffer.byteLength(i), 0);
    }
  };
  const wrap = (q: Queryable): Queryable => ({
    query(sql, params) {
      count(sql, params);
      return q.query(sql, params);
    },
    exec(sql) {
      count(sql);
      return q.exec(sql);
    },
  });
  const outer = wrap(db);
  return {
    kind: db.kind,
    query: outer.query,
    exec: outer.exec,
    transaction(fn) {
      counters.transactions += 1;
      counters.statements += 2;
      return db.transaction((tx) => fn(wrap(tx)));
    },
    close: () => db.close(),
  };
}
