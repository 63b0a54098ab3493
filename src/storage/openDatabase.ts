import { PGlite } from '@electric-sql/pglite';
import { join, resolve } from 'node:path';
import { lockDataDir } from './dataDirLock.js';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { pgliteDb } from './pgliteDb.js';
import { openPgliteWorker } from './pgliteWorkerDb.js';
import { postgresDb } from './postgresDb.js';

/**
 * PostgreSQL's page cache inside the embedded database. Its default (128 MB and more) is written in
 * full when the database starts, so it is resident memory from the first second; a support desk's
 * working set is a few megabytes, and deployments that outgrow it move to DATABASE_URL. 8 MB instead of
 * 16 MB: 11 MB less resident with 1,000 active conversations, turns no slower (#20, docs/benchmarks.md).
 */
export const EMBEDDED_SHARED_BUFFERS = '8MB';

export interface DatabaseSettings {
  DATABASE_URL?: string;
  DATA_DIR: string;
  /** Where the embedded database runs: its own thread (default) or the server's thread. */
  PGLITE_THREAD?: 'worker' | 'main';
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(settings: DatabaseSettings): Promise<Db> {
  let db: Db;
  if (settings.DATABASE_URL) {
    db = postgresDb({ connectionString: settings.DATABASE_URL });
  } else {
    const dir = resolve(settings.DATA_DIR);
    const release = lockDataDir(dir);
    try {
      const dataDir = join(dir, 'pglite');
      const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`];
      if ((settings.PGLITE_THREAD ?? 'main') === 'worker') {
        db = await openPgliteWorker({ dataDir, startParams, onClose: release });
      } else {
        const pg = new PGlite(dataDir, { startParams });
        await pg.waitReady;
        db = pgliteDb(pg, release);
      }
    } catch (err) {
      release();
      throw err;
    }
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
