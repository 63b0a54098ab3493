import { createRequire } from 'node:module';
import type { Storage } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { DatabaseStorage } from '../../src/storage/stateStorage.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';

/**
 * Bot Framework's storage conformance suite (vendored from botbuilder-js in storageBaseTests.cjs, see its
 * header) run against DatabaseStorage, with the test names botbuilder's own memoryStorage.test.js gives
 * its cases. DatabaseStorage is held to what botbuilder's MemoryStorage and CosmosDbPartitionedStorage do.
 */
type SuiteCase = (storage: Storage) => Promise<boolean>;
const require = createRequire(import.meta.url);
const { StorageBaseTests } = require('./storageBaseTests.cjs') as { StorageBaseTests: Record<string, SuiteCase> };
const { throwsOnNullLikeBotbuilder } = require('./botbuilderAzureStandIn.cjs') as {
  throwsOnNullLikeBotbuilder: (storageClass: new (db: Db) => Storage) => void;
};
throwsOnNullLikeBotbuilder(DatabaseStorage);

const cases: Array<[string, string]> = [
  ['return empty object when reading unknown key', 'returnEmptyObjectWhenReadingUnknownKey'],
  ['throws when reading null keys', 'handleNullKeysWhenReading'],
  ['throws when writing null keys', 'handleNullKeysWhenWriting'],
  ['does not throw when writing no items', 'doesNotThrowWhenWritingNoItems'],
  ['create an object', 'createObject'],
  ['handle crazy keys', 'handleCrazyKeys'],
  ['update an object', 'updateObject'],
  ['delete an object', 'deleteObject'],
  ['does not throw when deleting an unknown object', 'deleteUnknownObject'],
  ['performs batch operations', 'performBatchOperations'],
  ['proceeds through a waterfall dialog', 'proceedsThroughWaterfall'],
];

it('runs every case of the vendored suite', () => {
  const suite = Object.getOwnPropertyNames(StorageBaseTests).filter((name) => typeof StorageBaseTests[name] === 'function');
  expect(cases.map(([, method]) => method).sort()).toEqual(suite.sort());
});

describeEachDatabase('DatabaseStorage: botbuilder storage conformance suite', (backend) => {
  let db: Db;
  let storage: DatabaseStorage;
  beforeAll(async () => {
    db = await openTestDb(backend);
    storage = new DatabaseStorage(db);
  });
  afterAll(() => db.close());
  beforeEach(() => resetDatabase(db, ['bot_state']));

  it.each(cases)('%s', async (_name, method) => {
    expect(await StorageBaseTests[method]!(storage)).toBe(true);
  });
}, { worker: true });

describeEachDatabase('DatabaseStorage: missing arguments', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());

  it('rejects delete(null) with a ReferenceError, as read(null) and write(null) do, and deletes nothing', async () => {
    const storage = new DatabaseStorage(db);
    await storage.write({ kept: { n: 1 } });
    const deleteNull = storage.delete(null as unknown as string[]);
    await expect(deleteNull).rejects.toBeInstanceOf(ReferenceError);
    await expect(deleteNull).rejects.toThrow('Keys are required when deleting.');
    expect((await storage.read(['kept'])).kept?.n).toBe(1);
  });
});
