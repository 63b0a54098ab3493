import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, QueryResult } from './db.js';

/**
 * The embedded database on its own thread. PGlite is PostgreSQL compiled to WebAssembly: every statement
 * runs its executor and its wire protocol in JavaScript's thread, which under load was 35-40 % of the
 * server's one thread. Here the PGlite instance lives in a worker thread and the server's thread only
 * sends statements and receives rows (structured clones: dates, numbers, byte arrays survive as they
 * are), so the second core does the database work while the first runs turns.
 *
 * The semantics are PGlite's own: statements outside a transaction wait while one is open (PGlite's
 * transaction lock, taken in the worker), a transaction's statements run inside it, commit and
 * rollback end it. Errors come back with PostgreSQL's fields (code, detail, constraint...), so
 * `isUniqueViolation` and the callers' error handling work unchanged.
 *
 * The worker's code is a small CommonJS script run with `eval`, so the same file works under tsx, the
 * test runner and the compiled `dist/` without a second build output.
 */

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);
let pg;
const txs = new Map();
const fields = ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'position', 'where'];
function errorOf(err) {
  const out = { message: err && err.message ? err.message : String(err), name: err && err.name };
  for (const f of fields) if (err && err[f] !== undefined) out[f] = err[f];
  return out;
}
function target(tx) {
  if (!tx) return pg;
  const entry = txs.get(tx);
  if (!entry) throw new Error('the transaction has already ended');
  return entry.tx;
}
async function handle(m) {
  switch (m.op) {
    case 'open':
      pg = new PGlite(m.dataDir, { ...(m.startParams ? { startParams: m.startParams } : {}), ...(m.loadDataDir ? { loadDataDir: new Blob([m.loadDataDir]) } : {}) });
      await pg.waitReady;
      return null;
    case 'query': {
      const r = await target(m.tx).query(m.sql, m.params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    }
    case 'exec':
      await target(m.tx).exec(m.sql);
      return null;
    case 'begin': {
      const entry = {};
      const started = new Promise((resolve, reject) => { entry.started = resolve; entry.failed = reject; });
      entry.finished = pg.transaction((tx) => new Promise((resolve, reject) => {
        entry.tx = tx; entry.commit = resolve; entry.rollback = reject;
        entry.started();
      }));
      // BEGIN itself failing ends the transaction before it started.
      entry.finished.catch((err) => entry.failed(err));
      await started;
      txs.set(m.tx, entry);
      return null;
    }
    case 'commit': {
      const entry = txs.get(m.tx);
      if (!entry) throw new Error('the transaction has already ended');
      txs.delete(m.tx);
      entry.commit();
      await entry.finished;
      return null;
    }
    case 'rollback': {
      const entry = txs.get(m.tx);
      if (!entry) return null;
      txs.delete(m.tx);
      entry.rollback(new Error('rolled back'));
      await entry.finished.catch(() => undefined);
      return null;
    }
    case 'dump': {
      const file = await pg.dumpDataDir('none');
      return new Uint8Array(await file.arrayBuffer());
    }
    case 'close':
      if (pg && !pg.closed) await pg.close();
      return null;
    default:
      throw new Error('unknown operation ' + m.op);
  }
}
parentPort.on('message', (m) => {
  handle(m).then(
    (result) => parentPort.postMessage({ id: m.id, ok: true, result }),
    (err) => parentPort.postMessage({ id: m.id, ok: false, error: errorOf(err) }),
  );
});
`;

export interface PgliteWorkerOptions {
  /** The data folder; omitted for an in-memory database. */
  dataDir?: string;
  startParams?: string[];
  /** A dump (`dumpDataDir`) to start from, e.g. a migrated template in tests. */
  loadDataDir?: Uint8Array;
  onClose?: () => Promise<void> | void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** An error with PostgreSQL's fields, as the worker sent them. */
function databaseError(fields: Record<string, unknown>): Error {
  const err = new Error(String(fields.message)) as Error & Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) if (key !== 'message') err[key] = value;
  return err;
}

export interface PgliteWorkerDb extends Db {
  /** The whole database as a tarball (PGlite's dumpDataDir), e.g. to make a template. */
  dump(): Promise<Uint8Array>;
}

/** Opens PGlite in a worker thread; resolves once it is ready. */
export async function openPgliteWorker(opts: PgliteWorkerOptions = {}): Promise<PgliteWorkerDb> {
  const pglitePath = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pglitePath } });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let nextTx = 0;
  let failure: Error | undefined;
  // The worker keeps the process alive only while a statement is on its way: an idle CLI can exit.
  worker.unref();

  worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: Record<string, unknown> }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if (m.ok) p.resolve(m.result);
    else p.reject(databaseError(m.error ?? { message: 'unknown database error' }));
  });
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', (err) => fail(err));
  worker.on('exit', (code) => fail(new Error(`the database worker stopped (exit code ${code})`)));

  const call = <T>(op: string, fields: Record<string, unknown> = {}): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, ...fields });
    });
  };

  const queryable = (tx?: number): Queryable => ({
    query: <T>(sql: string, params?: unknown[]) => call<QueryResult<T>>('query', { sql, params, tx }),
    exec: (sql: string) => call<void>('exec', { sql, tx }),
  });

  try {
    await call('open', { dataDir: opts.dataDir, startParams: opts.startParams, loadDataDir: opts.loadDataDir });
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  const outside = queryable();
  let closed = false;
  return {
    kind: 'pglite',
    query: outside.query,
    exec: outside.exec,
    async transaction(fn) {
      const tx = ++nextTx;
      await call('begin', { tx });
      let result;
      try {
        result = await fn(queryable(tx));
      } catch (err) {
        await call('rollback', { tx }).catch(() => undefined);
        throw err;
      }
      await call('commit', { tx });
      return result;
    },
    dump: () => call<Uint8Array>('dump'),
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!failure) await call('close');
      } finally {
        await worker.terminate();
        await opts.onClose?.();
      }
    },
  };
}
