import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { openDatabase } from '../../src/storage/openDatabase.js';
import { postgresDb } from '../../src/storage/postgresDb.js';
import { createTicketService } from '../../src/tickets/ticketService.js';
import { describeEachDatabase, postgresUrl } from '../helpers/databases.js';
import { fakeResponseDue } from './fixtures/sampleTicket.js';

const fixture = fileURLToPath(new URL('./fixtures/createAndHang.ts', import.meta.url));
const agent = { kind: 'agent', agentId: 'auditor' } as const;

/** Runs the fixture, reads the ticket number it announces, and kills it with SIGKILL at once. */
function createThenKill(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let number: string | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^(SR-\d+)$/m.exec(out);
      if (m && !number) {
        number = m[1];
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (number && signal === 'SIGKILL') resolve(number);
      else reject(new Error(`fixture ended without announcing a ticket (signal ${signal}): ${out}${err}`));
    });
  });
}

async function expectTicketKept(db: Db, number: string): Promise<void> {
  const tickets = createTicketService({ db, responseDue: fakeResponseDue });
  expect(await tickets.getTicket(number, agent)).toMatchObject({ number, status: 'new', requester: { id: 'aad-alice' } });
  expect((await tickets.history(number, agent)).map((e) => e.kind)).toEqual(['created']);
}

describeEachDatabase('a ticket whose number was announced survives the process being killed', (backend) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('finds the ticket after SIGKILL right after its number was printed', async () => {
    if (backend === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'tickets-kill-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const number = await createThenKill(['pglite', dir]);
      // Reopening also takes over the data-folder lock the killed process left behind.
      const db = await openDatabase({ DATA_DIR: dir });
      cleanups.push(() => db.close());
      await expectTicketKept(db, number);
      return;
    }
    const url = postgresUrl()!;
    const schema = `test_kill_${randomBytes(6).toString('hex')}`;
    const admin = postgresDb({ connectionString: url, max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    cleanups.push(async () => {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    });
    const number = await createThenKill(['postgres', url, schema]);
    const db = postgresDb({ connectionString: url, schema, max: 1 });
    cleanups.push(() => db.close());
    await expectTicketKept(db, number);
  });
});
