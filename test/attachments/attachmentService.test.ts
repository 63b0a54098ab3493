import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { attachmentRetention, createAttachmentService, LINK_LIFETIME_DAYS, type AttachmentService } from '../../src/attachments/index.js';
import type { Db } from '../../src/storage/db.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { directTicket } from '../handoff/helpers.js';
import { log, pdf, png } from './files.js';

describeEachDatabase('attachments', (backend) => {
  let db: Db;
  let service: AttachmentService;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => db?.close());
  beforeEach(async () => {
    await resetDatabase(db, ['attachments', 'tickets', 'ticket_events']);
    service = createAttachmentService(db, { limits: { maxBytes: 64 * 1024, maxPerMessage: 2, maxPerTicket: 3 } });
  });

  it('keeps a file with its conversation, with the sniffed type, size and SHA-256, and gives the bytes back', async () => {
    const bytes = png();
    const result = await service.accept({ bytes, name: 'screen shot.png', direction: 'from_admin', conversationId: 'conv-1' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.attachment).toMatchObject({ name: 'screen shot.png', contentType: 'image/png', size: bytes.length, ticketNumber: null, conversationId: 'conv-1', direction: 'from_admin' });
    expect(result.attachment.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(result.attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await service.content(result.attachment)).equals(bytes)).toBe(true);
  });

  it('refuses a file over the size limit, and one more than a ticket may have', async () => {
    expect(await service.accept({ bytes: Buffer.alloc(64 * 1024 + 1, 'a'), name: 'big.log', direction: 'from_admin', conversationId: 'c' })).toEqual({ ok: false, reason: 'tooBig', name: 'big.log' });
    for (let i = 0; i < 3; i++) expect((await service.accept({ bytes: log(), name: `l${i}.log`, direction: 'from_admin', conversationId: 'c' })).ok).toBe(true);
    expect(await service.accept({ bytes: log(), name: 'l4.log', direction: 'from_admin', conversationId: 'c' })).toMatchObject({ ok: false, reason: 'tooManyOnTicket' });
  });

  it('moves the files waiting with a conversation onto the ticket filed from it', async () => {
    const ticket = await directTicket(db, { severity: 'C', dueInMinutes: 60, conversationId: 'conv-2' });
    await service.accept({ bytes: png(), name: 'a.png', direction: 'from_admin', conversationId: 'conv-2' });
    await service.accept({ bytes: pdf(), name: 'b.pdf', direction: 'from_admin', conversationId: 'conv-2' });
    await service.accept({ bytes: pdf(), name: 'other.pdf', direction: 'from_admin', conversationId: 'conv-other' });
    const moved = await service.moveToTicket('conv-2', ticket.number);
    expect(moved.map((a) => a.name)).toEqual(['a.png', 'b.pdf']);
    expect((await service.listForTicket(ticket.number)).map((a) => [a.name, a.ticketNumber])).toEqual([
      ['a.png', ticket.number],
      ['b.pdf', ticket.number],
    ]);
  });

  it('signs download links for one file of one conversation, which expire', async () => {
    const kept = await service.accept({ bytes: png(), name: 'a.png', direction: 'from_admin', conversationId: 'conv-3' });
    if (!kept.ok) throw new Error('not kept');
    const path = await service.linkPath(kept.attachment);
    const [, , id, token] = path.split('/');
    expect(id).toBe(kept.attachment.id);
    expect(await service.verifyLink(id!, token!)).toMatchObject({ id });
    const later = new Date(Date.now() + (LINK_LIFETIME_DAYS + 1) * 24 * 60 * 60 * 1000);
    expect(await service.verifyLink(id!, token!, later)).toBeUndefined();
    const other = await service.accept({ bytes: png(), name: 'b.png', direction: 'from_admin', conversationId: 'conv-4' });
    if (!other.ok) throw new Error('not kept');
    expect(await service.verifyLink(other.attachment.id, token!)).toBeUndefined();
    expect(await service.verifyLink(id!, `${token!.slice(0, -1)}${token!.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    // Another instance on the same database checks the same links.
    expect(await createAttachmentService(db).verifyLink(id!, token!)).toMatchObject({ id });
  });

  it('deletes files of conversations that never became a ticket after the retention period, and keeps tickets\' files', async () => {
    const ticket = await directTicket(db, { severity: 'C', dueInMinutes: 60, conversationId: 'conv-5' });
    await service.accept({ bytes: png(), name: 'kept.png', direction: 'from_admin', conversationId: 'conv-5' });
    await service.moveToTicket('conv-5', ticket.number);
    await service.accept({ bytes: png(), name: 'stale.png', direction: 'from_admin', conversationId: 'conv-6' });
    const step = attachmentRetention(db);
    expect(await step.deleteBefore(new Date(Date.now() - 60_000))).toEqual({ attachmentsWithoutTicket: 0 });
    expect(await step.deleteBefore(new Date(Date.now() + 60_000))).toEqual({ attachmentsWithoutTicket: 1 });
    expect((await service.listForTicket(ticket.number)).map((a) => a.name)).toEqual(['kept.png']);
  });

  it('keeps the bytes in ATTACHMENTS_DIR under a path made from the id only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attachments-'));
    try {
      const inDir = createAttachmentService(db, { dir });
      const result = await inDir.accept({ bytes: log(), name: '../../../etc/cron.d/evil.log', direction: 'from_admin', conversationId: 'conv-7' });
      if (!result.ok) throw new Error('not kept');
      expect(result.attachment.name).toBe('evil.log');
      const shard = result.attachment.id.slice(0, 2);
      expect(await readdir(dir)).toEqual([shard]);
      expect(await readdir(join(dir, shard))).toEqual([result.attachment.id]);
      expect((await readFile(join(dir, shard, result.attachment.id))).equals(log())).toBe(true);
      expect((await inDir.content(result.attachment)).equals(log())).toBe(true);
      const { rows } = await db.query<{ content: unknown }>('SELECT content FROM attachments WHERE id = $1', [result.attachment.id]);
      expect(rows[0]!.content).toBeNull();
      await attachmentRetention(db, { dir }).deleteBefore(new Date(Date.now() + 60_000));
      expect(await readdir(join(dir, shard))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
