import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../../src/config.js';
import { DataDirInUseError, type Db, openDatabase } from '../../src/storage/index.js';

/** What the operator commands (`npm run agent`, `npm run webhooks`) share: configuration and the database. */

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The configuration from the environment and `.env`, or a readable refusal. */
export function cliConfig(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

/** The configured database; refuses while a running server holds the embedded one. */
export async function openCliDatabase(config: Config): Promise<Db> {
  try {
    return await openDatabase(config);
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      // PGlite is one process's database: writing to it beside the server would corrupt it.
      const pid = /pid (\d+)/.exec(err.message)?.[1];
      fail(
        `The assistant is running${pid ? ` (pid ${pid})` : ''} and holds ${config.DATA_DIR}; stop it first, or use DATABASE_URL ` +
          '(a PostgreSQL server) so the assistant and this command can share the database. Nothing was changed.',
      );
    }
    throw err;
  }
}
