import { existsSync } from 'node:fs';
import type { App } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { DataDirInUseError, openDatabase } from './storage/index.js';

async function main(): Promise<void> {
  // A local .env is read when present; real environment variables win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  let app: App;
  try {
    // The database starts opening (WebAssembly compile, PostgreSQL start-up) while the bot's modules
    // load, which takes most of start-up and leaves the main thread idle at times.
    const opening = openDatabase(config);
    opening.catch(() => undefined); // reported by startApp, which awaits it
    const { startApp } = await import('./app.js');
    app = await startApp(config, log, { opening });
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      console.error(err.message);
      process.exit(1);
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${config.PORT} is already in use. Stop the other process or set PORT.`);
      process.exit(1);
    }
    log.fatal({ err }, 'start-up failed');
    process.exit(1);
  }
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close().catch((err) => log.error({ err }, 'error while shutting down'));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
