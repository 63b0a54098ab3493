import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';

/** The other web site the shared app lets embed the widget (WIDGET_ALLOWED_ORIGINS). */
export const ALLOWED_ORIGIN = 'https://www.contoso.example';

export interface SharedApp {
  db: Db;
  app: App;
}

/**
 * One server for the Direct Line scenarios in a file: starting a database and an app per file costs
 * more than the scenarios themselves. Keep-alives every second so stream tests need not wait long.
 */
export function useSharedApp(): SharedApp {
  const shared = {} as SharedApp;
  beforeAll(async () => {
    shared.db = await openTestDb('pglite');
    shared.app = await startTestApp(shared.db, {
      WIDGET_ALLOWED_ORIGINS: `${ALLOWED_ORIGIN}, https://second.example`,
      DIRECT_LINE_KEEPALIVE_SECONDS: '1',
    });
  });
  afterAll(async () => {
    await shared.app?.close();
    await shared.db?.close();
  });
  return shared;
}
