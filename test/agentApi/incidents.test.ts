import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { admin, agentApi, onlineAgent } from '../handoff/helpers.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';

let db: Db;
let app: App;
let connector: FakeConnector;
let api: ReturnType<typeof agentApi>;
beforeAll(async () => {
  db = await openTestDb('pglite');
  app = await startTestApp(db);
  connector = await startFakeConnector();
});
afterAll(async () => {
  await app.close();
  await connector.close();
  await db.close();
});
beforeEach(async () => {
  await resetDatabase(db, ['incidents', 'agents']);
  api = agentApi(app.url, (await onlineAgent(db, 'Jamie Rivera')).token);
});

const teamsOutage = {
  title: 'Users cannot join Teams meetings',
  product: 'Microsoft Teams',
  topics: ['teams.meetings-calls'],
  summary: 'Some users get an error when joining meetings from the join link.',
  userImpact: 'Meetings cannot be joined from the desktop client.',
};

describe('service-health incidents through the agent API', () => {
  it('creates an incident that the conversation then tells admins about', async () => {
    const created = await api.post('/api/incidents', teamsOutage);
    expect(created.status).toBe(201);
    expect(created.body.incident).toMatchObject({ id: expect.stringMatching(/^SH\d+$/), status: 'active', classification: 'incident', ...teamsOutage });

    const a = admin(app.url, `incident-${Date.now()}`, connector.serviceUrl);
    await a.say('hello');
    await a.say('yes');
    expect(await a.say('none of our users can join teams meetings')).toContain('Users cannot join Teams meetings');
  });

  it('updates an incident and resolves it, after which the conversation no longer mentions it', async () => {
    const { body } = await api.post('/api/incidents', teamsOutage);
    const id = body.incident.id;
    const updated = await api.patch(`/api/incidents/${id}`, { summary: 'A fix is rolling out to all regions.' });
    expect(updated).toMatchObject({ status: 200, body: { incident: { id, summary: 'A fix is rolling out to all regions.', title: teamsOutage.title } } });
    const resolved = await api.post(`/api/incidents/${id}/resolve`);
    expect(resolved).toMatchObject({ status: 200, body: { incident: { id, status: 'resolved', resolvedAt: expect.any(String) } } });
    expect((await api.get('/api/incidents?status=active')).body.incidents).toEqual([]);
    expect((await api.get('/api/incidents?status=resolved')).body.incidents.map((i: { id: string }) => i.id)).toEqual([id]);

    const a = admin(app.url, `incident-resolved-${Date.now()}`, connector.serviceUrl);
    await a.say('hello');
    await a.say('yes');
    expect(await a.say('none of our users can join teams meetings')).not.toContain(teamsOutage.title);
  });

  it('shows one incident and answers 404 for an unknown one', async () => {
    const { body } = await api.post('/api/incidents', { ...teamsOutage, id: 'TM123456' });
    expect((await api.get('/api/incidents/TM123456')).body.incident).toMatchObject({ id: 'TM123456', title: teamsOutage.title });
    expect(body.incident.id).toBe('TM123456');
    for (const res of [await api.get('/api/incidents/XX999'), await api.patch('/api/incidents/XX999', { summary: 'nothing here' }), await api.post('/api/incidents/XX999/resolve')]) {
      expect(res).toEqual({ status: 404, body: { error: { status: 404, message: 'No incident with id XX999.' } } });
    }
  });

  it('refuses a second incident with the same id (409)', async () => {
    await api.post('/api/incidents', { ...teamsOutage, id: 'TM123456' });
    expect((await api.post('/api/incidents', { ...teamsOutage, id: 'TM123456' })).status).toBe(409);
  });

  it.each([
    ['no title', { ...teamsOutage, title: undefined }, /title: /],
    ['a bad id', { ...teamsOutage, id: 'not an id' }, /id: must look like EX123456/],
    ['an unknown classification', { ...teamsOutage, classification: 'outage' }, /classification: /],
    ['an unknown field', { ...teamsOutage, severity: 'high' }, /Unrecognized key/i],
  ])('refuses an incident with %s (400)', async (_name, body, reason) => {
    const res = await api.post('/api/incidents', body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(reason);
    expect((await db.query('SELECT 1 FROM incidents')).rows).toHaveLength(0);
  });

  it('refuses an update that changes nothing (400)', async () => {
    const { body } = await api.post('/api/incidents', teamsOutage);
    const res = await api.patch(`/api/incidents/${body.incident.id}`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/at least one of/);
  });

  it('refuses an unknown status filter (400)', async () => {
    expect((await api.get('/api/incidents?status=open')).status).toBe(400);
  });
});
