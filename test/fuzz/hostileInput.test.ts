import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentPatchBody, messageBody, statusBody } from '../../src/agentApi/schemas.js';
import { Writable } from 'node:stream';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { parseTicketNumber } from '../../src/tickets/ticketNumber.js';
import { messageActivity } from '../helpers/activities.js';
import { openTestDb } from '../helpers/databases.js';
import { admin, agentApi, fileTicket, onlineAgent } from '../handoff/helpers.js';
import { pollUntil, sendText, startConversation as startWidgetConversation, type Started } from '../directline/directLineClient.js';
import { problemsWith, victimSnapshot, type Exchange } from './invariants.js';
import { fuzzSeed, seededRandom, type Random } from './random.js';

/**
 * Thousands of random, malformed and hostile requests to the three ways in: the channel endpoint
 * (/api/messages), the embedded Direct Line endpoint and the agent API. Whatever comes in, the server
 * stays up, never answers with a 5xx or shows its internals, never lets a turn fail on the input, and
 * never changes or reveals anyone else's data. Seeded: FUZZ_SEED=<printed seed> replays a run.
 */

const rnd: Random = seededRandom(fuzzSeed('hostile input'));
const CASES = { messages: 1500, directLine: 1200, agentApi: 1200 };
const PARALLEL = 6;

const VICTIM_EMAIL = 'victim.owner@fabrikam.com';
const VICTIM_PHONE = '+61 2 9876 5432';
const VICTIM_SECRET = 'quarterly payroll export fails with error 0x80070005';

let db: Db;
let app: App;
let victim: { tickets: string[]; agentIds: string[]; incidentIds: string[]; directLineConversations: string[]; botStateKeys: string[] };
let before: Awaited<ReturnType<typeof victimSnapshot>>;
let fuzzerToken: string;
const attackerWidgets: Started[] = [];
const findings: string[] = [];
const statuses = new Map<number, number>();
/** Errors the server logged, distinct, to explain a failed turn or a 500 in a finding. */
const loggedErrors = new Set<string>();
const errorLog = new Writable({
  write(chunk, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; stack?: string } };
      loggedErrors.add(`${entry.msg}: ${entry.err?.message ?? ''} ${(entry.err?.stack ?? '').split('\n')[1]?.trim() ?? ''}`);
    }
    done();
  },
});
/** The first findings, with what the server logged, as the message of a failing expectation. */
const report = () => (findings.length ? [...findings.slice(0, 8), `${findings.length} findings in all; logged errors:`, ...[...loggedErrors].slice(0, 12)] : []);

/** Sends one request and records what is wrong with the answer. */
async function exchange(request: string, url: string, init: RequestInit & { expect?: (status: number) => string | undefined } = {}): Promise<Exchange> {
  let status = 0;
  let text = '';
  try {
    const res = await fetch(`${app.url}${url}`, init);
    status = res.status;
    text = await res.text();
  } catch (err) {
    findings.push(`${request} -> the request failed: ${(err as Error).message}`);
    return { request, status, text };
  }
  const result = { request, status, text };
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  findings.push(...problemsWith(result));
  for (const secret of [VICTIM_EMAIL, VICTIM_PHONE, VICTIM_SECRET]) if (text.includes(secret)) findings.push(`${request} -> shows another user's data`);
  const unexpected = init.expect?.(status);
  if (unexpected) findings.push(`${request} -> ${unexpected}: ${text.slice(0, 200)}`);
  return result;
}

/** Runs the cases a few at a time, checking /health as it goes; prints how they were answered. */
async function run(name: string, cases: Array<() => Promise<unknown>>): Promise<void> {
  statuses.clear();
  findings.length = 0;
  loggedErrors.clear();
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < cases.length; i = next++) {
        await cases[i]!();
        if (i % 200 === 0) {
          const health = await fetch(`${app.url}/health`);
          if (health.status !== 200) findings.push(`case ${i}: /health answered ${health.status}`);
        }
      }
    }),
  );
  console.log(`${name}: ${cases.length} requests answered ${[...statuses].sort().map(([status, n]) => `${status}×${n}`).join(', ')}`);
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** A ticket number that is not a victim's, however the server parses it. */
function tamperedNumber(): string {
  for (;;) {
    const candidate = rnd.pick([
      () => `SR-${rnd.int(0, 99_999_999)}`,
      () => `SR-${rnd.int(1_000_001, 1_000_010)}${rnd.pick(['', 'x', '/claim', '%2F..%2F', ' OR 1=1'])}`,
      () => rnd.string(40),
      () => `SR-${'9'.repeat(rnd.int(10, 400))}`,
      () => rnd.pick(['..', '%00', 'SR-', 'null', 'undefined', '%E0%A4%A', '__proto__']),
    ])();
    const parsed = parseTicketNumber(decodeURIComponentSafe(candidate));
    if (!parsed || !victim.tickets.includes(parsed)) return candidate;
  }
}
function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
/** URL-encoded; a URL cannot carry half a surrogate pair, so those become U+FFFD first. */
const encode = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
/** A path segment as a client might send it: raw (fetch escapes what it must) or encoded. */
const pathPart = (s: string) => (rnd.chance(0.3) ? s.replace(/[\ud800-\udfff]/g, '\ufffd') : encode(s));

/** A body the schema refuses: random JSON, minus whatever happens to be valid. */
function invalidFor(schema: { safeParse(v: unknown): { success: boolean } }): unknown {
  for (;;) {
    const body = rnd.pick([() => rnd.json(), () => ({ ...(rnd.json(1) as object), [rnd.string(8)]: rnd.json(1) }), () => ({ text: rnd.json(1), status: rnd.json(1), note: rnd.json(1) })])();
    if (!schema.safeParse(body).success) return body;
  }
}

beforeAll(async () => {
  db = await openTestDb('pglite');
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    DATA_DIR: '/nonexistent',
    SEED_SAMPLE_INCIDENTS: 'false',
    ...{ RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000', AGENT_RATE_LIMIT_BURST: '100000', AGENT_RATE_LIMIT_PER_SECOND: '100000' },
  });
  app = await startApp(config, createLogger('error', errorLog), { db });

  // Other people: two admins with requests (one in a live chat with an agent), the agent, an
  // incident, a widget conversation.
  const first = admin(app.url, 'victim-admin-1', 'http://127.0.0.1:9');
  const lines = ['hello', 'none of our users can join teams meetings or make calls', 'no', 'yes', 'yes', 'business premium', 'Vic Owner', VICTIM_EMAIL, VICTIM_PHONE, 'email', 'submit'];
  let answer = '';
  for (const line of lines) answer = await first.say(line);
  const one = /Request (SR-\d+) is open/.exec(answer)?.[1];
  if (!one) throw new Error(`the victim's request was not filed: ${answer}`);
  expect(await first.say(`add info to ${one}: ${VICTIM_SECRET}`)).toMatch(/added/i);
  const { number: two } = await fileTicket(admin(app.url, 'victim-admin-2', 'http://127.0.0.1:9'));
  const victimAgent = await onlineAgent(db, 'Victim Agent');
  const victimApi = agentApi(app.url, victimAgent.token);
  expect((await victimApi.post(`/api/tickets/${two}/claim`)).status).toBe(200);
  const incident = await victimApi.post('/api/incidents', { title: 'Mail delays', product: 'Exchange Online', summary: 'Some mail is delayed.' });
  expect(incident.status).toBe(201);
  const widget = await startWidgetConversation(app.url);
  await sendText(app.url, widget, VICTIM_SECRET);
  await pollUntil(app.url, widget, (all) => all.some((a) => a.from?.role === 'bot' && a.type === 'message'));
  const keys = (await db.query<{ key: string }>("SELECT key FROM bot_state WHERE key LIKE '%victim%' OR key LIKE $1", [`%${widget.conversationId}%`])).rows.map((r) => r.key);
  victim = { tickets: [one, two], agentIds: [victimAgent.agent.id], incidentIds: [incident.body.incident.id], directLineConversations: [widget.conversationId], botStateKeys: keys };

  fuzzerToken = (await onlineAgent(db, 'Fuzzer')).token;
  for (let i = 0; i < 4; i++) attackerWidgets.push(await startWidgetConversation(app.url));
  before = await victimSnapshot(db, victim);
}, 60_000);

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('hostile input', () => {
  it(`survives ${CASES.messages} malformed and hostile requests to /api/messages`, async () => {
    const bodies = [
      () => rnd.string(300),
      () => rnd.pick(['', '{', '[1,2', 'null', '"x"', '[]', '{"type":', '\u0000', '{"type":"message"}']),
      () => JSON.stringify(rnd.json()),
      () => `{"type":"message","text":"${'x'.repeat(300 * 1024)}"}`,
    ];
    const fields = ['type', 'text', 'channelId', 'from', 'recipient', 'conversation', 'value', 'attachments', 'entities', 'channelData', 'deliveryMode', 'locale', 'timestamp', 'localTimestamp', 'id', 'replyToId', 'name', 'membersAdded', 'textFormat', 'inputHint'];
    const cardSubmit = () => ({
      choice: rnd.pick(['submit', 'yes', 'no', 'edit-plan', 'edit-contact', 'edit-severity', 'edit-cloud', rnd.string(30)]),
      submissionId: rnd.pick([rnd.string(36), '00000000-0000-0000-0000-000000000000', victim.tickets[0]]),
      ticket: rnd.pick([...victim.tickets, tamperedNumber()]),
      name: rnd.pick(['Mallory', rnd.string(5000), 42, null]),
      email: rnd.pick(['mallory@evil.test', rnd.string(300), ['a@b.c'], {}]),
      phone: rnd.pick(['+1 425 555 0100', rnd.string(300), 1e308]),
      contactMethod: rnd.pick(['email', 'phone', 'carrier pigeon', rnd.json(1)]),
      msteams: rnd.chance(0.3) ? { text: rnd.string(50) } : undefined,
    });
    const hostileText = () =>
      rnd.pick([
        `status of ${rnd.pick(victim.tickets)}`,
        `add info to ${rnd.pick(victim.tickets)}: ${rnd.string(100)}`,
        `reopen ${rnd.pick(victim.tickets)}`,
        `status of ${tamperedNumber()}`,
        'my requests',
        'talk to a person',
        rnd.string(200),
        rnd.string(6000),
      ]);
    const cases = Array.from({ length: CASES.messages }, (_, i) => {
      const request = `messages #${i}`;
      const kind = rnd.next();
      let body: string;
      if (kind < 0.15) body = rnd.pick(bodies)();
      else {
        const activity: Record<string, unknown> = messageActivity(`attacker-${rnd.int(0, 30)}`, hostileText(), { channelId: 'sms' });
        if (rnd.chance(0.35)) activity.value = cardSubmit();
        if (rnd.chance(0.3)) {
          // Well-typed but hostile: the bot must cope with any text in any string field.
          for (const field of ['locale', 'textFormat', 'name', 'replyToId', 'localTimezone']) if (rnd.chance(0.3)) activity[field] = rnd.string(100);
          if (rnd.chance(0.3)) activity.entities = [{ type: rnd.pick(['mention', 'clientInfo', rnd.string(10)]), text: rnd.string(50), mentioned: rnd.json(1) }];
          if (rnd.chance(0.2)) activity.attachments = [{ contentType: rnd.pick(['application/vnd.microsoft.card.adaptive', rnd.string(20)]), content: rnd.json(3) }];
          if (rnd.chance(0.2)) activity.channelData = rnd.json(2) instanceof Object ? { ...(rnd.json(2) as object) } : { tenant: { id: rnd.string(36) } };
        } else if (rnd.chance(0.4)) {
          // Wrong types, missing fields.
          for (let m = rnd.int(1, 2); m > 0; m--) {
            const field = rnd.pick(fields);
            if (rnd.chance(0.3)) delete activity[field];
            else activity[field] = field === 'deliveryMode' ? rnd.pick(['expectReplies', 'normal', 'notification', rnd.string(10), 42]) : rnd.json(2);
          }
        }
        // Replies that do not come back inline go to a closed local port, never to the network.
        activity.serviceUrl = rnd.chance(0.9) ? 'http://127.0.0.1:9' : rnd.pick(['http://127.0.0.1:9/', 'not a url', '', 'ftp://127.0.0.1:9']);
        body = JSON.stringify(activity);
      }
      const headers: Record<string, string> = { 'content-type': rnd.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '']) };
      if (rnd.chance(0.05)) headers.authorization = rnd.pick(['Bearer ', `Bearer ${rnd.string(100)}`, 'Basic Zm9vOmJhcg==', rnd.string(20)]).replace(/[^\x20-\x7e]/g, '');
      return () => exchange(request, '/api/messages', { method: 'POST', headers, body });
    });
    await run('/api/messages', cases);
    expect(report()).toEqual([]);
  }, 120_000);

  it(`survives ${CASES.directLine} malformed and hostile requests to the Direct Line endpoint`, async () => {
    const victimConversation = victim.directLineConversations[0]!;
    const forged = (token: string) => {
      const [h, p, s] = token.split('.');
      return rnd.pick([`${h}.${p}.${s!.slice(0, -2)}AA`, `${h}.${Buffer.from(JSON.stringify({ conv: victimConversation, user: 'dl_x', scope: 'conversation', exp: 9e9, iss: 'support-assistant/directline' })).toString('base64url')}.${s}`, `${p}.${h}.${s}`, `${h}.${p}`, rnd.string(60)]);
    };
    const clientActivity = () => {
      const a: Record<string, unknown> = { type: rnd.pick(['message', 'message', 'event', 'typing', 'conversationUpdate', 'invoke', rnd.string(8)]), text: rnd.pick([rnd.string(200), rnd.string(6000), `status of ${rnd.pick(victim.tickets)}`]) };
      for (const field of ['value', 'attachments', 'channelData', 'from', 'entities', 'membersAdded', 'conversation', 'replyToId', 'name']) if (rnd.chance(0.2)) a[field] = rnd.json(2);
      if (rnd.chance(0.1)) a.from = { id: rnd.pick(['support-assistant', 'dl_someoneelse', rnd.string(20)]), role: 'bot' };
      return a;
    };
    const cases = Array.from({ length: CASES.directLine }, (_, i) => {
      const request = `directline #${i}`;
      const mine = rnd.pick(attackerWidgets);
      const token = rnd.chance(0.7) ? mine.token : rnd.pick([forged(mine.token), rnd.string(30), '']);
      const auth = (t: string): Record<string, string> =>
        t ? { authorization: (rnd.chance(0.85) ? `Bearer ${t}` : rnd.pick([`bearer ${t}`, t, `Bearer  ${t}`])).replace(/[^\x20-\x7e]/g, '') } : {};
      const base = '/v3/directline';
      const kind = rnd.int(0, 8);
      if (kind <= 2) {
        // Send into a conversation: mine (may run a turn), or someone else's with my token (must be refused).
        const target = rnd.chance(0.8) ? mine.conversationId : rnd.pick([victimConversation, rnd.string(20)]);
        const body = rnd.chance(0.15) ? rnd.string(200) : JSON.stringify(clientActivity());
        return () =>
          exchange(request, `${base}/conversations/${pathPart(target)}/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth(token) },
            body,
            expect: (status) => (target === victimConversation && status < 400 ? `wrote into another user's conversation (${status})` : undefined),
          });
      }
      if (kind === 3) {
        const target = rnd.pick([mine.conversationId, victimConversation]);
        const watermark = rnd.pick(['', '0', '-', '-1', '999999999999999999999', 'abc', rnd.string(10)]);
        return () =>
          exchange(request, `${base}/conversations/${pathPart(target)}/activities?watermark=${encode(watermark)}`, {
            headers: auth(token),
            expect: (status) => (target === victimConversation && status < 400 ? `read another user's conversation (${status})` : undefined),
          });
      }
      if (kind === 4) return () => exchange(request, `${base}/conversations`, { method: 'POST', headers: auth(token) });
      if (kind === 5) return () => exchange(request, `${base}/tokens/refresh`, { method: 'POST', headers: auth(token) });
      if (kind === 6) return () => exchange(request, `${base}/conversations/${pathPart(rnd.string(30))}`, { headers: auth(token) });
      if (kind === 7) {
        // The connector routes the bot replies through, with a guessed key: nobody may speak as the bot.
        const method = rnd.pick(['POST', 'PUT', 'DELETE', 'GET']);
        return () =>
          exchange(request, `/directline/connector/${pathPart(rnd.string(32))}/v3/conversations/${victimConversation}/activities${method === 'POST' ? '' : `/${victimConversation}|0000001`}`, {
            method,
            headers: { 'content-type': 'application/json' },
            body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({ type: 'message', text: 'pwned' }),
            expect: (status) => (status < 400 ? `accepted a forged bot message (${status})` : undefined),
          });
      }
      return () => exchange(request, `${base}/${pathPart(rnd.string(20))}`, { method: rnd.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']), headers: { ...auth(token), origin: rnd.pick(['https://evil.example', 'null', rnd.string(20)]).replace(/[^\x20-\x7e]/g, '') } });
    });
    await run('Direct Line', cases);
    expect(report()).toEqual([]);
  }, 120_000);

  it(`survives ${CASES.agentApi} malformed and hostile requests to the agent API`, async () => {
    const incident = victim.incidentIds[0]!;
    const cases = Array.from({ length: CASES.agentApi }, (_, i) => {
      const request = `agent API #${i}`;
      const signedIn = rnd.chance(0.6);
      const token = signedIn ? fuzzerToken : rnd.pick(['', rnd.string(40), `${fuzzerToken}x`, fuzzerToken.slice(1)]);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = rnd.pick([`Bearer ${token}`, token, `Basic ${token}`]).replace(/[^\x20-\x7e]/g, '');
      if (!signedIn || !token.length) {
        const path = rnd.pick(['/api/tickets', `/api/tickets/${rnd.pick(victim.tickets)}`, `/api/tickets/${rnd.pick(victim.tickets)}/claim`, `/api/tickets/${rnd.pick(victim.tickets)}/status`, '/api/incidents', `/api/incidents/${incident}`, '/api/agents', '/api/agents/me', '/api/events']);
        const method = rnd.pick(['GET', 'POST', 'PATCH', 'DELETE']);
        return () =>
          exchange(request, path, {
            method,
            headers,
            body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({ status: 'closed', text: 'hi', title: 'changed title' }),
            expect: (status) => (status < 400 ? `answered ${status} without a valid agent token` : undefined),
          });
      }
      // Signed in as an agent: every request is malformed or aimed at something that does not exist,
      // so none may change anything.
      const mustRefuse = (status: number) => (status < 400 ? `accepted a malformed request (${status})` : undefined);
      const kind = rnd.int(0, 7);
      if (kind === 0) return () => exchange(request, `/api/tickets?limit=${encode(rnd.string(12))}&unassigned=${encode(rnd.string(6))}`, { headers });
      if (kind === 1) return () => exchange(request, `/api/tickets/${pathPart(tamperedNumber())}`, { headers, expect: mustRefuse });
      if (kind === 2) {
        const action = rnd.pick(['claim', 'release', 'handback', 'status', 'messages']);
        return () => exchange(request, `/api/tickets/${pathPart(tamperedNumber())}/${action}`, { ...json(rnd.json(2)), headers, expect: mustRefuse });
      }
      if (kind === 3) return () => exchange(request, `/api/tickets/${rnd.pick(victim.tickets)}/messages`, { ...json(rnd.chance(0.2) ? rnd.string(100) : invalidFor(messageBody)), headers, expect: mustRefuse });
      if (kind === 4) return () => exchange(request, `/api/tickets/${rnd.pick(victim.tickets)}/status`, { ...json(rnd.chance(0.2) ? rnd.string(100) : invalidFor(statusBody)), headers, expect: mustRefuse });
      if (kind === 5) return () => exchange(request, `/api/incidents/${incident}`, { ...json(invalidFor(incidentPatchBody)), method: 'PATCH', headers, expect: mustRefuse });
      if (kind === 6) return () => exchange(request, `/api/incidents/${pathPart(rnd.pick([rnd.string(12), 'EX000000', `${incident}x`]))}/resolve`, { method: 'POST', headers, expect: mustRefuse });
      return () => exchange(request, `/api/messages/${pathPart(rnd.string(10))}?${encode(rnd.string(10))}`, { method: rnd.pick(['GET', 'POST', 'PUT']), headers });
    });
    await run('agent API', cases);
    expect(report()).toEqual([]);
  }, 120_000);

  it('leaves everyone else’s data as it was, and is still healthy', async () => {
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    expect((await fetch(`${app.url}/ready`)).status).toBe(200);
    expect(await victimSnapshot(db, victim)).toEqual(before);
  });
});
