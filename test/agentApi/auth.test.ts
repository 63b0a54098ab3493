import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createAgentStore } from '../../src/agents/agentStore.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { directTicket } from '../handoff/helpers.js';

/** Every agent endpoint, as [method, path, body]. */
const endpoints: Array<[string, string, unknown?]> = [
  ['GET', '/api/agents/me'],
  ['GET', '/api/agents'],
  ['GET', '/api/tickets'],
  ['GET', '/api/tickets/SR-1000001'],
  ['GET', '/api/tickets/SR-1000001/messages'],
  ['POST', '/api/tickets/SR-1000001/messages', { text: 'hello' }],
  ['POST', '/api/tickets/SR-1000001/claim'],
  ['POST', '/api/tickets/SR-1000001/release'],
  ['POST', '/api/tickets/SR-1000001/handback'],
  ['POST', '/api/tickets/SR-1000001/status', { status: 'resolved' }],
  ['GET', '/api/incidents'],
  ['GET', '/api/incidents/EX100'],
  ['POST', '/api/incidents', { title: 'Mail delays', product: 'Exchange Online', summary: 'Delays in delivery' }],
  ['PATCH', '/api/incidents/EX100', { summary: 'Still investigating' }],
  ['POST', '/api/incidents/EX100/resolve'],
  ['GET', '/api/events'],
];

describe('agent API authentication', () => {
  let db: Db;
  let app: App;
  let removedToken: string;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db);
    const agents = createAgentStore(db);
    const removed = await agents.add('Former Agent');
    await agents.remove(removed.agent.id);
    removedToken = removed.token;
    await directTicket(db, { severity: 'B', dueInMinutes: 60 });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const credentials: Array<[string, () => Record<string, string>]> = [
    ['no Authorization header', () => ({})],
    ['a Basic header', () => ({ authorization: 'Basic YWdlbnQ6c2VjcmV0' })],
    ['"Bearer" without a token', () => ({ authorization: 'Bearer ' })],
    ['an unknown token', () => ({ authorization: `Bearer ${'x'.repeat(43)}` })],
    ['the token of a removed agent', () => ({ authorization: `Bearer ${removedToken}` })],
  ];

  describe.each(credentials)('with %s', (_name, headers) => {
    it.each(endpoints)('%s %s answers 401 and reveals nothing', async (method, path, body) => {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { ...headers(), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toEqual({ error: { status: 401, message: 'Unauthorized.' } });
    });
  });

  it.each([
    ['/agent', 'text/html', /<title>Agent console/],
    ['/agent/console.js', 'text/javascript', /Authorization|authorization/],
    ['/agent/console.css', 'text/css', /--sev-a/],
  ])('serves the console file %s without a token (it holds no data), under a strict content policy', async (path, type, content) => {
    const res = await fetch(`${app.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(await res.text()).toMatch(content);
  });

  it('changes nothing when refused', async () => {
    await fetch(`${app.url}/api/tickets/SR-1000001/claim`, { method: 'POST', headers: { authorization: `Bearer ${removedToken}` } });
    await fetch(`${app.url}/api/incidents`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Mail delays', product: 'Exchange Online', summary: 'Delays in delivery' }),
    });
    const { rows } = await db.query<{ assigned_agent_id: string | null }>('SELECT assigned_agent_id FROM tickets');
    expect(rows).toEqual([{ assigned_agent_id: null }]);
    expect((await db.query('SELECT 1 FROM incidents')).rows).toHaveLength(0);
  });
});
