import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentRateLimit, agentRateLimitMessage } from '../../src/agentApi/rateLimit.js';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { onlineAgent } from '../handoff/helpers.js';

describe('the agent token bucket', () => {
  function bucket() {
    let now = 0;
    const limit = agentRateLimit({ burst: 3, perSecond: 0.5, now: () => now });
    return { limit, advance: (ms: number) => (now += ms) };
  }

  it('lets a burst through, then refuses and says when to come back', () => {
    const { limit } = bucket();
    expect([1, 2, 3].map(() => limit.take('agent-1').allowed)).toEqual([true, true, true]);
    expect(limit.take('agent-1')).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('refills at the configured rate', () => {
    const { limit, advance } = bucket();
    for (let i = 0; i < 3; i++) limit.take('agent-1');
    advance(2000);
    expect(limit.take('agent-1').allowed).toBe(true);
    expect(limit.take('agent-1').allowed).toBe(false);
  });

  it('keeps agents apart', () => {
    const { limit } = bucket();
    for (let i = 0; i < 4; i++) limit.take('busy');
    expect(limit.take('quiet').allowed).toBe(true);
  });
});

describe('the agent API under a flood from one token', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db, { AGENT_RATE_LIMIT_BURST: '3', AGENT_RATE_LIMIT_PER_SECOND: '0.2' });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const call = (path: string, token?: string) => fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers 429 with Retry-After and a friendly message once the burst is spent, for the API and the event stream alike', async () => {
    const { token } = await onlineAgent(db, 'Flood Script');
    for (let i = 0; i < 3; i++) expect((await call('/api/agents/me', token)).status).toBe(200);

    const refused = await call('/api/tickets', token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ error: { status: 429, message: agentRateLimitMessage(5) } });
    expect(agentRateLimitMessage(5)).toMatch(/^Too many requests .* Wait 5 seconds, then try again/);

    expect((await call('/api/events', token)).status).toBe(429);
  });

  it('does not slow down the other agents', async () => {
    const flood = await onlineAgent(db, 'Another Script');
    const person = await onlineAgent(db, 'Jamie Rivera');
    for (let i = 0; i < 5; i++) await call('/api/agents/me', flood.token);
    expect((await call('/api/agents/me', person.token)).status).toBe(200);
  });

  it('still answers 401 to a request without a valid token', async () => {
    expect((await call('/api/tickets')).status).toBe(401);
    expect((await call('/api/tickets', 'not-a-token')).status).toBe(401);
  });
});
