import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadMigrations, migrate } from '../../src/storage/migrate.js';
import { pgliteDb } from '../../src/storage/pgliteDb.js';
import { buildDist } from './serverProcess.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Compiles the assistant as `npm run build` does, once, for the suites that start it as `npm start`
 * does (restart, kill -9, two instances, configuration errors).
 *
 * Initialising a PGlite database takes seconds; loading a dump of one takes about half a second. So the
 * suite builds one migrated template per set of migrations and every test database starts from it.
 */
export default async function setup(project: TestProject): Promise<void> {
  buildDist();
  const migrations = loadMigrations();
  const hash = createHash('sha256').update(migrations.map((m) => m.version + m.sql).join('\n')).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `support-assistant-pglite-template-${hash}.tar`);
  if (!existsSync(file)) {
    const pg = new PGlite();
    await migrate(pgliteDb(pg));
    const dump = await pg.dumpDataDir('none');
    await pg.close();
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  project.provide('pgliteTemplate', file);
}
