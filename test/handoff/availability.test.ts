// What the widget's header and the first message say about reaching a person: agents online, the
// wait, the admin's support lines. Pure parts with fixed clocks; the route on the real server.
import { describe, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/index.js';
import { createAvailability, describeAvailability, waitToReachAgent } from '../../src/handoff/index.js';
import { readWidgetStatusQuery } from '../../src/http/index.js';
import { AVERAGE_HANDLING_MINUTES, PICKUP_MINUTES } from '../../src/tickets/index.js';
import { startConversation, useConversationDb } from '../helpers/conversation.js';
import { useTestApp } from '../helpers/testApp.js';
import { botMessages, call, pollUntil } from '../directline/directLineClient.js';

// Saturday 5 December 2026, 03:00 UTC: Friday 22:00 in New York, Saturday 11:00 in Beijing.
const SATURDAY = new Date('2026-12-05T03:00:00Z');
// Tuesday 8 December 2026, 15:00 UTC: 10:00 in New York, 16:00 in Berlin.
const TUESDAY = new Date('2026-12-08T15:00:00Z');

describe('the wait to reach a person', () => {
  it('is only the pickup time when a free agent has nothing waiting', () => {
    expect(waitToReachAgent({ online: 1, available: 1, waiting: 0 })).toBe(PICKUP_MINUTES);
  });
  it('counts waiting requests in rounds of the online agents', () => {
    expect(waitToReachAgent({ online: 2, available: 2, waiting: 4 })).toBe(PICKUP_MINUTES + 2 * AVERAGE_HANDLING_MINUTES);
  });
  it('counts a chat an agent is in as a request ahead', () => {
    expect(waitToReachAgent({ online: 1, available: 0, waiting: 0 })).toBe(PICKUP_MINUTES + AVERAGE_HANDLING_MINUTES);
    expect(waitToReachAgent({ online: 2, available: 1, waiting: 0 })).toBe(PICKUP_MINUTES);
  });
  it('has no figure without an agent online', () => {
    expect(waitToReachAgent({ online: 0, available: 0, waiting: 7 })).toBeNull();
  });
});

describe('describeAvailability', () => {
  it('says agents are online with the wait, in the header and the first message', () => {
    const status = describeAvailability({ online: 2, available: 2, waiting: 0 }, { timeZone: 'America/New_York' }, TUESDAY);
    expect(status.agents).toBe('available');
    expect(status.headline).toBe('Agents online · a person in about 5 min');
    expect(status.summary).toContain('a person can usually join in about 5 minutes');
    // Billing in New York is open on a Tuesday at 10:00: nothing about hours is added.
    expect(status.hours.billing.open).toBe(true);
    expect(status.summary).not.toContain('closed');
  });

  it('never promises a quick answer when nobody is online', () => {
    const status = describeAvailability({ online: 0, available: 0, waiting: 3 }, { timeZone: 'America/New_York' }, TUESDAY);
    expect(status.agents).toBe('offline');
    expect(status.waitMinutes).toBeNull();
    expect(status.headline).toBe('No agent online right now');
    expect(status.headline).not.toMatch(/seconds/);
    expect(status.summary).toContain("answered within your plan's response time");
  });

  it("adds the admin's closed support lines, read in their own time zone", () => {
    const status = describeAvailability({ online: 1, available: 0, waiting: 0 }, { timeZone: 'America/New_York' }, SATURDAY);
    expect(status.agents).toBe('busy');
    expect(status.headline).toBe('Agents busy · a person in about 35 min');
    expect(status.hours.technical.open).toBe(true);
    expect(status.hours.billing).toMatchObject({ open: false, opensAt: '2026-12-07T14:00:00.000Z' });
    expect(status.summary).toContain('closed now; it opens Monday at 9:00 AM');
  });

  it('tells a 21Vianet admin at night that non-critical technical support is closed', () => {
    // 02:00 in Beijing on a Wednesday: severity B/C technical support opens at 09:00.
    const status = describeAvailability({ online: 0, available: 0, waiting: 0 }, { cloud: '21vianet', timeZone: 'Asia/Shanghai' }, new Date('2026-12-08T18:00:00Z'));
    expect(status.hours.technical.open).toBe(false);
    expect(status.summary).toMatch(/Technical phone support .* is closed now; it opens today at 9:00 AM/);
  });

  it('speaks German and Chinese, with Chinese sentences joined without spaces', () => {
    const de = describeAvailability({ online: 1, available: 1, waiting: 0 }, { language: 'de', timeZone: 'Europe/Berlin' }, TUESDAY);
    expect(de.headline).toBe('Support online · eine Person in ca. 5 Min.');
    expect(de.summary).toContain('in etwa 5 Minuten eine Person');
    const zh = describeAvailability({ online: 0, available: 0, waiting: 0 }, { language: 'zh-Hans', timeZone: 'America/New_York' }, SATURDAY);
    expect(zh.headline).toBe('暂无客服在线');
    expect(zh.summary).toMatch(/答复。美国/);
    const hant = describeAvailability({ online: 1, available: 0, waiting: 0 }, { language: 'zh-Hant' }, TUESDAY);
    expect(hant.headline).toBe('客服忙碌中 · 約 35 分鐘後可轉真人');
  });
});

describe('createAvailability', () => {
  it('reads the counts once per interval however many widgets ask, and again after it', async () => {
    let now = TUESDAY.getTime();
    let reads = 0;
    const availability = createAvailability({
      agents: { onlineCount: async () => (reads++, 1), availableCount: async () => 1 },
      waitingTickets: async () => 0,
      now: () => new Date(now),
      cacheMs: 10_000,
    });
    await Promise.all([availability.current(), availability.current(), availability.current()]);
    expect(reads).toBe(1);
    now += 10_000;
    await availability.current();
    expect(reads).toBe(2);
  });

  it('tries again after a failed read instead of keeping the failure', async () => {
    let fail = true;
    const availability = createAvailability({
      agents: { onlineCount: async () => { if (fail) throw new Error('database gone'); return 0; }, availableCount: async () => 0 },
      waitingTickets: async () => 0,
      now: () => TUESDAY,
    });
    await expect(availability.current()).rejects.toThrow('database gone');
    fail = false;
    await expect(availability.current()).resolves.toMatchObject({ agents: 'offline' });
  });
});

describe('on the real server: GET /widget/status and the widget greeting', () => {
  const ctx = useTestApp();

  it('reads language, zone and cloud from the query and ignores what it does not know', () => {
    expect(readWidgetStatusQuery('/widget/status?lang=de-AT&tz=Europe/Vienna&cloud=germany')).toEqual({ language: 'de', locale: 'de-AT', timeZone: 'Europe/Vienna', cloud: 'germany' });
    const odd = readWidgetStatusQuery('/widget/status?lang=<script>&tz=Mars/Olympus_Mons&cloud=../../etc');
    expect(odd).toMatchObject({ language: 'en', timeZone: undefined, cloud: undefined });
  });

  it('answers what is so, for any page (CORS), briefly cached', async () => {
    const agents = createAgentStore(ctx.db);
    const { agent } = await agents.add('Avery');
    await agents.touch(agent);
    const res = await fetch(`${ctx.app.url}/widget/status?lang=en-US&tz=America/New_York&cloud=worldwide`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const body = (await res.json()) as { agents: string; waitMinutes: number; headline: string };
    expect(body).toMatchObject({ agents: 'available', waitMinutes: PICKUP_MINUTES });
    expect(body.headline).toMatch(/^Agents online/);
    const hant = (await (await fetch(`${ctx.app.url}/widget/status?lang=zh-TW`)).json()) as { headline: string };
    expect(hant.headline).toMatch(/^客服在線/);
  });

  // After the test above signed an agent in.

  it("greets a new widget conversation in the page's language, with the status in the browser's zone", async () => {
    const issued = await call(`${ctx.app.url}/api/directline/token`, { method: 'POST', body: { locale: 'de-DE', timeZone: 'Europe/Berlin' } });
    expect(issued.status).toBe(200);
    const started = await call(`${ctx.app.url}/v3/directline/conversations`, { method: 'POST', token: issued.json.token });
    expect(started.status).toBe(201);
    const log = await pollUntil(ctx.app.url, started.json, (all) => botMessages(all).length > 0);
    const greeting = botMessages(log)[0]!.text ?? '';
    expect(greeting).toMatch(/^Hallo/);
    expect(greeting).toContain('Ein Support-Mitarbeiter ist online');
  });

  it('drops a locale or zone it does not know instead of refusing the chat', async () => {
    const issued = await call(`${ctx.app.url}/api/directline/token`, { method: 'POST', body: { locale: '<b>', timeZone: 'Mars/Base' } });
    expect(issued.status).toBe(200);
    const started = await call(`${ctx.app.url}/v3/directline/conversations`, { method: 'POST', token: issued.json.token });
    const log = await pollUntil(ctx.app.url, started.json, (all) => botMessages(all).length > 0);
    expect(botMessages(log)[0]!.text).toMatch(/^Hi, I'm the Microsoft 365 support assistant/);
  });
});

describe('the first message', () => {
  const ctx = useConversationDb();
  const greet = async () => {
    const c = startConversation({ db: ctx.db });
    await c.adapter.receiveActivity({ type: 'conversationUpdate', membersAdded: [{ id: `user-${c.conversationId}`, name: 'Alex' }], localTimezone: 'America/New_York' } as never);
    return c.adapter.activeQueue.splice(0).filter((a) => a.type === 'message').map((a) => a.text).join('\n');
  };

  it('says nobody is online when nobody is, and that an agent is once one signs in', async () => {
    expect(await greet()).toContain('No support agent is online right now.');
    const agents = createAgentStore(ctx.db);
    await agents.touch((await agents.add('Avery')).agent);
    const text = await greet();
    expect(text).toContain("Tell me what's wrong in your own words");
    expect(text).toContain("A support agent is online: if I can't solve it, a person can usually join in about 5 minutes.");
  });
});
