import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { openDatabase } from '../../src/storage/openDatabase.js';
import { postgresDb } from '../../src/storage/postgresDb.js';
import { createTicketService } from '../../src/tickets/index.js';
import { createWebhookDeliveries, createWebhookEndpoints } from '../../src/webhooks/index.js';
import { describeEachDatabase, postgresUrl } from '../helpers/databases.js';
import { spawnServer } from '../helpers/testApp.js';
import { fakeResponseDue, sampleTicket } from '../tickets/fixtures/sampleTicket.js';
import { startReceiver } from './receiver.js';

/**
 * Nothing is lost: a request is filed (its webhook event committed with it), the assistant starts
 * delivering it, and is killed with SIGKILL while the receiver has not answered. After a restart the
 * delivery goes out again, with the same Webhook-Id, and is recorded as delivered.
 */
describeEachDatabase('a webhook survives the process being killed mid-delivery', (backend) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('delivers after a restart, with the same idempotency key', async () => {
    const receiver = await startReceiver(['hang']);
    cleanups.push(() => receiver.close());

    // Where the server keeps its data, and how the test opens the same database while it is stopped.
    let env: Record<string, string>;
    let open: () => Promise<Db>;
    if (backend === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'webhooks-kill-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const pg = new PGlite(join(dir, 'pglite'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
      await pg.waitReady;
      await pg.close();
      env = { DATA_DIR: dir };
      open = () => openDatabase({ DATA_DIR: dir });
    } else {
      const schema = `test_whkill_${randomBytes(6).toString('hex')}`;
      const admin = postgresDb({ connectionString: postgresUrl()!, max: 1 });
      await admin.exec(`CREATE SCHEMA ${schema}`);
      cleanups.push(async () => {
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      });
      const url = new URL(postgresUrl()!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      env = { DATABASE_URL: url.toString() };
      open = () => openDatabase({ DATABASE_URL: url.toString(), DATA_DIR: '/nonexistent' });
    }

    // The endpoint and a filed request, committed before the assistant runs.
    const seed = await open();
    const policy = { allowHttp: true, allowPrivate: true };
    await createWebhookEndpoints(seed, policy).create({ url: receiver.url, events: ['ticket.created'] });
    const { ticket } = await createTicketService({ db: seed, responseDue: fakeResponseDue }).createTicket(sampleTicket(), { dedupeKey: `kill-${backend}` });
    await seed.close();

    const serverEnv = { ...env, WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_TIMEOUT_MS: '1000', LOG_LEVEL: 'warn' };
    const first = await spawnServer(serverEnv);
    await receiver.waitFor(1);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await spawnServer(serverEnv);
    try {
      // The killed attempt's lease (the time limit and 5 s) runs out, then the delivery is sent again.
      await receiver.waitFor(2, 30_000);
    } finally {
      await second.stop();
    }
    const [a, b] = receiver.received;
    expect(a!.headers['webhook-id']).toBe(b!.headers['webhook-id']);
    expect(JSON.parse(b!.body)).toMatchObject({ type: 'ticket.created', data: { ticket: { number: ticket.number } } });

    const db = await open();
    cleanups.push(() => db.close());
    const [delivery] = await createWebhookDeliveries(db).list();
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 2, subject: ticket.number });
    expect(receiver.received).toHaveLength(2);
  }, 90_000);
});
