import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, inject, it } from 'vitest';
import type { Db, Queryable } from '../../src/storage/db.js';
import { migrate } from '../../src/storage/migrate.js';
import { pgliteDb } from '../../src/storage/pgliteDb.js';
import { openPgliteWorker } from '../../src/storage/pgliteWorkerDb.js';
import { postgresDb } from '../../src/storage/postgresDb.js';

/** `pglite-worker`: the embedded database on its own thread (PGLITE_THREAD=worker, src/storage/pgliteWorkerDb.ts). */
export type Backend = 'pglite' | 'pglite-worker' | 'postgres';

/** The PostgreSQL server the suite may use: TEST_DATABASE_URL, else DATABASE_URL. */
export function postgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

let templateBlob: Blob | undefined;

/** A fresh, migrated, private database of the given kind. Close it when done. */
export async function openTestDb(backend: Backend): Promise<Db> {
  if (backend === 'pglite-worker') {
    const db = await openPgliteWorker({ loadDataDir: readFileSync(inject('pgliteTemplate')) });
    await migrate(db);
    return db;
  }
  if (backend === 'pglite') {
    templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    const pg = new PGlite({ loadDataDir: templateBlob });
    await pg.waitReady;
    const db = pgliteDb(pg);
    await migrate(db);
    return db;
  }
  const url = postgresUrl();
  if (!url) throw new Error('No PostgreSQL server: set TEST_DATABASE_URL');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgresDb({ connectionString: url, max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = postgresDb({ connectionString: url, schema, max: 5 });
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/**
 * Empties `tables` (and the tables whose rows point into them), or, without a list, every table the
 * migrations made except their own bookkeeping and the Direct Line signing key a running app holds.
 */
export async function resetDatabase(db: Queryable, tables?: string[]): Promise<void> {
  const names =
    tables ??
    (
      await db.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN ('schema_migrations', 'directline_keys')",
      )
    ).rows.map((r) => r.tablename);
  // A running app's background work (the outbox's consumers, the abandon job) may hold some of these
  // tables; PostgreSQL then picks the TRUNCATE as a deadlock's victim, and it is simply tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.exec(`TRUNCATE ${names.join(', ')} CASCADE`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
    }
  }
}

let noticePrinted = false;

/**
 * Runs a suite on PostgreSQL when a server is configured. Without one it is skipped with a notice,
 * except under CI=true, where a missing server is a failure.
 */
export function describePostgres(name: string, body: () => void): void {
  if (postgresUrl()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs a PostgreSQL server under CI', () => {
        throw new Error('CI=true but no PostgreSQL server is configured: set TEST_DATABASE_URL (.ci/run starts one)');
      });
    });
  } else {
    if (!noticePrinted) {
      noticePrinted = true;
      console.warn('NOTICE: PostgreSQL suites skipped: no TEST_DATABASE_URL or DATABASE_URL (they run in CI).');
    }
    describe.skip(`${name} (no PostgreSQL server)`, body);
  }
}

/**
 * Runs a suite once per database engine: always on PGlite, and on PostgreSQL as describePostgres does.
 * `worker`: also on PGlite in its worker thread (the suites that prove storage and transaction semantics).
 */
export function describeEachDatabase(name: string, body: (backend: Backend) => void, options: { worker?: boolean } = {}): void {
  describe(`${name} [pglite]`, () => body('pglite'));
  if (options.worker) describe(`${name} [pglite worker]`, () => body('pglite-worker'));
  describePostgres(`${name} [postgres]`, () => body('postgres'));
}
