import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ticketNotifications } from '../../src/notifications/index.js';
import { openDatabase } from '../../src/storage/openDatabase.js';
import { createTicketService } from '../../src/tickets/index.js';
import { startMailCatcher } from '../../tools/dev/mailCatcher.js';
import { spawnServer } from '../helpers/testApp.js';
import { fakeResponseDue, sampleTicket } from '../tickets/fixtures/sampleTicket.js';

/**
 * Exactly one mail per change, across a crash: a request is resolved (its event committed with it), the
 * assistant queues the email and is killed with SIGKILL inside the digest window, before sending.
 * After a restart the mail goes out, once.
 */
describe('an email notification survives the process being killed before it was sent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'notify-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is sent once after a restart', async () => {
    const catcher = await startMailCatcher();
    try {
      const pg = new PGlite(join(dir, 'pglite'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
      await pg.waitReady;
      await pg.close();
      const seed = await openDatabase({ DATA_DIR: dir });
      const tickets = createTicketService({ db: seed, responseDue: fakeResponseDue });
      const { ticket } = await tickets.createTicket(sampleTicket({ requester: { id: 'aad-kim', name: 'Kim', email: 'kim@contoso.example', phone: null }, contactMethod: 'email' }), { dedupeKey: 'kill-mail' });
      await tickets.resolve(ticket.number, { kind: 'agent', agentId: 'agent-1' }, { note: 'The license was assigned.' });
      await seed.close();

      const env = { DATA_DIR: dir, SMTP_URL: catcher.url, MAIL_FROM: 'Support <support@contoso.example>', NOTIFY_DIGEST_SECONDS: '4', LOG_LEVEL: 'warn' };
      const first = await spawnServer(env);
      // Queued (the outbox runs at start), not yet sent: the digest window is still open.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      first.child.kill('SIGKILL');
      await first.exited;
      expect(catcher.mails).toHaveLength(0);

      const second = await spawnServer(env);
      try {
        await catcher.waitFor(1, 20_000);
        // Time for a second mail, were there one.
        await new Promise((resolve) => setTimeout(resolve, 5000));
      } finally {
        await second.stop();
      }
      expect(catcher.mails).toHaveLength(1);
      expect(catcher.mails[0]!.parsed.subject).toBe(`${ticket.number}: your request was resolved`);
      const db = await openDatabase({ DATA_DIR: dir });
      try {
        expect((await ticketNotifications(db, ticket.number)).map((n) => [n.kind, n.state, n.attempts])).toEqual([['resolved', 'sent', 1]]);
      } finally {
        await db.close();
      }
    } finally {
      await catcher.close();
    }
  }, 90_000);
});
