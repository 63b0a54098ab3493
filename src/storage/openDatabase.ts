import { PGlite } from '@electric-sql/pglite';
import { join, resolve } from 'node:path';
import { lockDataDir } from './dataDirLock.js';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { pgliteDb } from './pgliteDb.js';
import { postgresDb } from './postgresDb.js';

export interface DatabaseSettings {
  DATABASE_URL?: string;
  DATA_DIR: string;
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
      const pg = new PGlite(join(dir, 'pglite'));
      await pg.waitReady;
      db = pgliteDb(pg, release);
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
