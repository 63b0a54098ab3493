import { ConversationState, TestAdapter, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ORPHANED_CLAIM_MS, completedTurnsProperty, recordCompletedTurn, turnGuard } from '../../src/channels/turnGuard.js';
import type { Db } from '../../src/storage/db.js';
import { DatabaseStorage } from '../../src/storage/stateStorage.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';

// The turn guard's rule for an activity id another process took: run it again only when that process
// is gone and the turn never finished. On the embedded database an earlier process is gone for sure
// (one process per data folder); on a shared PostgreSQL server another instance may still be on it, so
// its claim must first be older than any turn can run.

describeEachDatabase('taking over a claimed activity id', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());
  beforeEach(() => resetDatabase(db, ['processed_activities', 'bot_state']));

  /** One process: a guard with its own instance id in front of a bot that notes its turns and saves state. */
  function instance(id: string, now: () => number = Date.now) {
    const conversationState = new ConversationState(new DatabaseStorage(db));
    const guard = turnGuard(db, { conversationState, instanceId: id, now });
    const ran: string[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      ran.push(context.activity.text ?? '');
      if (context.activity.text === 'crash') throw new Error('the process dies in the middle of this turn');
      await recordCompletedTurn(context, completedTurnsProperty(conversationState));
      await conversationState.saveChanges(context);
    });
    adapter.use(guard);
    adapter.onTurnError = async () => undefined;
    const send = (activityId: string, text: string) => adapter.receiveActivity({ type: 'message', id: activityId, text, conversation: { id: 'conv-1' } as never });
    return { ran, send };
  }

  it('drops a redelivery of a finished turn, in the process that ran it and in the next one', async () => {
    const a = instance('process-a');
    await a.send('act-1', 'hello');
    await a.send('act-1', 'hello');
    const b = instance('process-b', () => Date.now() + ORPHANED_CLAIM_MS + 1000);
    await b.send('act-1', 'hello');
    expect(a.ran).toEqual(['hello']);
    expect(b.ran).toEqual([]);
  });

  it('drops a redelivery of a failed turn in the same process (the admin was asked to try again)', async () => {
    const a = instance('process-a');
    await a.send('act-2', 'crash');
    await a.send('act-2', 'crash');
    expect(a.ran).toEqual(['crash']);
  });

  it(
    backend === 'pglite'
      ? 'runs a cut-short turn again in the next process at once'
      : 'runs a cut-short turn again on another instance once the claim is older than any turn, not before',
    async () => {
      const a = instance('process-a');
      await a.send('act-3', 'crash');
      const soon = instance('process-b', () => Date.now() + 5_000);
      await soon.send('act-3', 'crash-retry-soon');
      const later = instance('process-c', () => Date.now() + ORPHANED_CLAIM_MS + 1000);
      await later.send('act-3', 'retried later');
      if (backend === 'pglite') {
        expect(soon.ran).toEqual(['crash-retry-soon']);
        expect(later.ran).toEqual([]); // process-b finished it
      } else {
        expect(soon.ran).toEqual([]);
        expect(later.ran).toEqual(['retried later']);
      }
    },
  );
});
