import { afterAll, beforeAll } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from './databases.js';
import { spawnCompiledServer, type ServerProcess } from './serverProcess.js';

export { freePort, repoRoot, runServerExpectingExit, type ServerProcess } from './serverProcess.js';

/** The real server, in this process, on a free port, on the given database. */
export async function startTestApp(db: Db, env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', SEED_SAMPLE_INCIDENTS: 'false', ...env });
  return startApp(config, createLogger('silent'), { db });
}

/** `npm start` as a real child process (compiled by the suite's global set-up); resolves once /ready answers. */
export function spawnServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  return spawnCompiledServer({ env: { LOG_LEVEL: 'info', ...env }, timeoutMs });
}

/**
 * The usual set-up of an HTTP-level suite: a private PGlite database and the real server on it,
 * started before the suite and stopped after it. Read `ctx.app` / `ctx.db` inside tests.
 */
export function useTestApp(env: Record<string, string> = {}): { app: App; db: Db } {
  const ctx = {} as { app: App; db: Db };
  beforeAll(async () => {
    ctx.db = await openTestDb('pglite');
    ctx.app = await startTestApp(ctx.db, env);
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.db?.close();
  });
  return ctx;
}
