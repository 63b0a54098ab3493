import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/agentStore.js';
import type { Db } from '../../src/storage/db.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { createHandoffStore } from '../../src/handoff/index.js';

describeEachDatabase('the agent store', (backend) => {
  let db: Db;
  let clock: Date;
  const store = () => createAgentStore(db, { now: () => clock, onlineMinutes: 5, busyAgentIds: () => createHandoffStore(db).busyAgentIds() });
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    clock = new Date('2026-03-02T10:00:00Z');
    await resetDatabase(db, ['agents', 'handoffs']);
  });

  it('returns a 32-byte base64url token once and stores only its SHA-256', async () => {
    const { agent, token } = await store().add('  Jamie Rivera ');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(agent).toMatchObject({ id: expect.stringMatching(/^agent-\d+$/), name: 'Jamie Rivera' });
    const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM agents');
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('gives every agent a different token', async () => {
    const a = await store().add('A');
    const b = await store().add('B');
    expect(a.token).not.toBe(b.token);
    expect(a.agent.id).not.toBe(b.agent.id);
  });

  it('authenticates the right token only', async () => {
    const { agent, token } = await store().add('Jamie');
    expect(await store().authenticate(token)).toMatchObject({ id: agent.id, name: 'Jamie' });
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const wrong of [flipped, '', 'short', `${token}x`, token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase()]) {
      expect(await store().authenticate(wrong)).toBeUndefined();
    }
  });

  it('stops accepting the token of a removed agent but keeps their name for history', async () => {
    const { agent, token } = await store().add('Jamie');
    expect(await store().remove(agent.id)).toBe(true);
    expect(await store().remove(agent.id)).toBe(false);
    expect(await store().authenticate(token)).toBeUndefined();
    expect(await store().list()).toEqual([]);
    expect((await store().names()).get(agent.id)).toBe('Jamie');
  });

  it('refuses an empty name', async () => {
    await expect(store().add('   ')).rejects.toThrow();
  });

  it('counts an agent online for the configured minutes after their last call', async () => {
    const s = store();
    const { agent } = await s.add('Jamie');
    expect(await s.onlineCount()).toBe(0);
    await s.touch(agent);
    expect(await s.onlineCount()).toBe(1);
    clock = new Date(clock.getTime() + 5 * 60_000 + 1000);
    expect(await s.onlineCount()).toBe(0);
    expect((await s.list())[0]).toMatchObject({ online: false, busy: false });
  });

  it('does not count an agent in a live chat as available', async () => {
    const s = store();
    const { agent } = await s.add('Jamie');
    await s.touch(agent);
    expect(await s.availableCount()).toBe(1);
    await db.query(
      'INSERT INTO handoffs (conversation_id, ticket_number, status, agent_id, created_at, updated_at) VALUES (\'c1\', \'SR-1\', \'with_agent\', $1, now(), now())',
      [agent.id],
    );
    expect(await s.onlineCount()).toBe(1);
    expect(await s.availableCount()).toBe(0);
    expect((await s.list())[0]).toMatchObject({ online: true, busy: true });
  });
});
