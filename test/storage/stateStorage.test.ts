import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { DatabaseStorage } from '../../src/storage/stateStorage.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';

describeEachDatabase('DatabaseStorage', (backend) => {
  let db: Db;
  let storage: DatabaseStorage;
  beforeAll(async () => {
    db = await openTestDb(backend);
    storage = new DatabaseStorage(db);
  });
  afterAll(() => db.close());
  beforeEach(() => resetDatabase(db, ['bot_state']));

  it('reads an unknown key as absent', async () => {
    expect(await storage.read(['nobody'])).toEqual({});
  });

  it('returns what was written, with an eTag', async () => {
    await storage.write({ a: { step: 2, nested: { list: [1, 'x'] } } });
    const { a } = await storage.read(['a']);
    expect(a).toMatchObject({ step: 2, nested: { list: [1, 'x'] } });
    expect(typeof a.eTag).toBe('string');
  });

  it('gives every write a new eTag', async () => {
    await storage.write({ a: { n: 1 } });
    const first = (await storage.read(['a'])).a.eTag;
    await storage.write({ a: { n: 2, eTag: first } });
    const second = (await storage.read(['a'])).a.eTag;
    expect(second).not.toBe(first);
  });

  it('rejects a write with a stale eTag and keeps the newer data', async () => {
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(['a'])).a.eTag;
    await storage.write({ a: { n: 2, eTag: stale } });
    await expect(storage.write({ a: { n: 3, eTag: stale } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a.n).toBe(2);
  });

  it.each([['*'], [undefined]])('overwrites whatever is stored when the eTag is %s', async (eTag) => {
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 2, eTag } });
    expect((await storage.read(['a'])).a.n).toBe(2);
  });

  it('writes a new key even when the item carries an eTag (as MemoryStorage does)', async () => {
    await storage.write({ fresh: { n: 1, eTag: 'from-elsewhere' } });
    expect((await storage.read(['fresh'])).fresh.n).toBe(1);
  });

  it('lets only one of two writers holding the same eTag win', async () => {
    await storage.write({ a: { n: 0 } });
    const tag = (await storage.read(['a'])).a.eTag;
    const results = await Promise.allSettled([storage.write({ a: { n: 1, eTag: tag } }), storage.write({ a: { n: 2, eTag: tag } })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('reads and writes batches', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
    const items = await storage.read(['a', 'b', 'missing', 'c']);
    expect(Object.keys(items).sort()).toEqual(['a', 'b', 'c']);
    expect(items.b.n).toBe(2);
  });

  it('writes a batch all or nothing', async () => {
    await storage.write({ a: { n: 1 } });
    const tag = (await storage.read(['a'])).a.eTag;
    await storage.write({ a: { n: 2, eTag: tag } });
    await expect(storage.write({ b: { n: 9 }, a: { n: 3, eTag: tag } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['b'])).toEqual({});
  });

  it('deletes, and deleting an unknown key is fine', async () => {
    await storage.write({ a: { n: 1 } });
    await storage.delete(['a', 'never-written']);
    expect(await storage.read(['a'])).toEqual({});
  });

  it('keeps keys with odd characters apart', async () => {
    const keys = ['msteams/conversations/19:abc@thread.tacv2;messageid=1/', "o'brien", 'ünïcødé/🙂'];
    await storage.write(Object.fromEntries(keys.map((k, i) => [k, { i }])));
    const items = await storage.read(keys);
    expect(keys.map((k) => items[k].i)).toEqual([0, 1, 2]);
  });
}, { worker: true });

describe('reading nothing', () => {
  it('does not touch the database for an empty key list', async () => {
    const storage = new DatabaseStorage({} as Db);
    expect(await storage.read([])).toEqual({});
    await storage.write({});
    await storage.delete([]);
  });
});
