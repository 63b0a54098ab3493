// Every figure of the insights (#18) from known cases and requests: two cases in one conversation, a
// case whose topic was picked later, an abandoned one, an open one, satisfaction answers (a repeated one),
// requests on three clocks (a 21Vianet one counted in support hours), a reopened one, days counted in
// the reporting time zone (Europe/Berlin, and again in UTC after the setting changed), knowledge gaps
// clustered and scrubbed, and the managers' API with its CSV downloads.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/index.js';
import type { App } from '../../src/app.js';
import {
  createInsightsReader,
  createInsightsRecorder,
  ensureReportZone,
  insightsConsumer,
  markAbandoned,
  rebuildCaseDays,
  type InsightsRange,
  type InsightsRecorder,
} from '../../src/insights/index.js';
import { startOutboxDispatcher } from '../../src/outbox/index.js';
import type { Db } from '../../src/storage/index.js';
import { responseDueAt } from '../../src/support/index.js';
import { createTicketService, type Ticket, type TicketService } from '../../src/tickets/index.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { sampleTicket } from '../tickets/fixtures/sampleTicket.js';

const ZONE = 'Europe/Berlin';
const at = (iso: string) => new Date(iso);

describeEachDatabase('insights figures', (backend) => {
  let db: Db;
  let insights: InsightsRecorder;
  let tickets: TicketService;
  let clock = at('2026-11-03T08:00:00Z');
  const t: Record<string, Ticket> = {};
  const cases: Record<string, string> = {};
  let agentX = '';
  let agentY = '';

  const range = (extra: Partial<InsightsRange> = {}): InsightsRange => ({ from: '2026-11-02', to: '2026-11-03', bucket: 'day', ...extra });
  const reader = () => createInsightsReader(db, { now: () => at('2026-11-03T12:30:00Z') });

  beforeAll(async () => {
    db = await openTestDb(backend);
    await resetDatabase(db);
    await ensureReportZone(db, ZONE);
    insights = createInsightsRecorder(db, { timeZone: ZONE });
    tickets = createTicketService({ db, responseDue: responseDueAt, now: () => clock });
    const agents = createAgentStore(db);
    agentX = (await agents.add('Xu Ming')).agent.id;
    agentY = (await agents.add('Yara Berg')).agent.id;

    // Conversation A (widget, English, worldwide): solved by self-help late on Monday in Berlin, then a
    // second problem after midnight Berlin time (still Monday in UTC) that became request T1.
    const start = (conversationId: string, channelId: string, language: 'en' | 'de' | 'zh-Hans', cloud: 'worldwide' | 'germany' | '21vianet' | null, topic: string | null, category: string | null, iso: string) =>
      insights.startCase({ conversationId, channelId, language, cloud, text: 'words', topic, category, confidence: 0.8, at: at(iso) });
    cases.one = await start('conv-a', 'directline', 'en', 'worldwide', 'accounts.passwords', 'technical', '2026-11-02T22:30:00Z');
    await insights.endCase(cases.one, 'self_help', { at: at('2026-11-02T22:40:00Z') });
    cases.two = await start('conv-a', 'directline', 'en', 'worldwide', 'teams.meetings', 'technical', '2026-11-02T23:30:00Z');
    // Conversation B (Teams, German): the topic was picked from the closest ones; the admin then went quiet.
    cases.three = await start('conv-b', 'msteams', 'de', null, null, null, '2026-11-03T10:00:00Z');
    await insights.updateCase(cases.three, { topic: 'exchange.mailbox-full', category: 'technical', cloud: 'germany' });
    // Conversation C (widget, Chinese, 21Vianet): out of scope, then an incident the admin waits for.
    cases.four = await start('conv-c', 'directline', 'zh-Hans', '21vianet', 'oos.unrelated', 'out-of-scope', '2026-11-03T11:00:00Z');
    await insights.endCase(cases.four, 'refused', { at: at('2026-11-03T11:01:00Z') });
    cases.five = await start('conv-c', 'directline', 'zh-Hans', '21vianet', 'teams.meetings', 'technical', '2026-11-03T11:05:00Z');
    await insights.endCase(cases.five, 'incident', { at: at('2026-11-03T11:06:00Z') });
    // A later outcome never replaces the first (except the two documented changes).
    await insights.endCase(cases.five, 'refused', { at: at('2026-11-03T11:07:00Z') });
    // Conversation D: still talking.
    cases.six = await start('conv-d', 'directline', 'en', 'worldwide', 'billing.invoices', 'billing', '2026-11-03T12:20:00Z');
    await insights.touchCase(cases.six, at('2026-11-03T12:25:00Z'));
    expect(await markAbandoned(db, { abandonAfterMinutes: 30, now: at('2026-11-03T12:30:00Z') })).toBe(1 + 1); // case two (not yet escalated) and three

    const file = async (key: string, iso: string, overrides: Parameters<typeof sampleTicket>[0]) => {
      clock = at(iso);
      t[key] = (await tickets.createTicket(sampleTicket({ contactMethod: 'email', ...overrides }), { dedupeKey: `figures-${key}` })).ticket;
    };
    const x = { kind: 'agent', agentId: '' } as { kind: 'agent'; agentId: string };
    const as = (id: string) => ({ ...x, agentId: id });
    const when = (iso: string) => (clock = at(iso));

    // Worldwide, elevated support, Severity B: two hours. Claimed after 20 minutes, answered at one hour.
    await file('T1', '2026-11-03T08:00:00Z', { planId: null, planFamily: 'business', elevated: true, severity: 'B' });
    // The second case of conversation A came back and became T1 (an abandoned case takes the outcome it is given).
    await insights.endCase(cases.two, 'escalated', { ticketNumber: t.T1!.number, at: at('2026-11-03T08:00:00Z') });
    when('2026-11-03T08:20:00Z');
    await tickets.assign(t.T1!.number, as(agentX), agentX);
    when('2026-11-03T09:00:00Z');
    await tickets.setStatus(t.T1!.number, as(agentX), 'waiting_on_customer', { note: 'Which meeting policy is assigned?' });
    // Enterprise, Severity A: one hour, answered after two.
    await file('T2', '2026-11-03T08:00:00Z', { planFamily: 'enterprise', severity: 'A' });
    when('2026-11-03T08:30:00Z');
    await tickets.assign(t.T2!.number, as(agentX), agentX);
    when('2026-11-03T10:00:00Z');
    await tickets.setStatus(t.T2!.number, as(agentX), 'waiting_on_customer');
    // 21Vianet Severity C: three business days of 9:00-24:00 Beijing time. Filed at 01:00 Beijing time, answered
    // at 10:00: one hour of support time, not nine.
    await file('T3', '2026-11-03T17:00:00Z', { cloud: '21vianet', planId: null, planFamily: null, severity: 'C' });
    when('2026-11-04T01:30:00Z');
    await tickets.assign(t.T3!.number, as(agentY), agentY);
    when('2026-11-04T02:00:00Z');
    await tickets.setStatus(t.T3!.number, as(agentY), 'waiting_on_customer');
    // Elevated Severity A, no answer yet, due 13:00: pending at 12:30.
    await file('T4', '2026-11-03T12:00:00Z', { planFamily: 'business', elevated: true, severity: 'A' });
    // Business Severity B: no committed response time: not counted.
    await file('T5', '2026-11-03T08:00:00Z', { planFamily: 'business', severity: 'B' });
    // Elevated Severity C (four hours): claimed after 30 minutes, resolved after three hours (the first response),
    // reopened by the admin and resolved again an hour later.
    await file('T6', '2026-11-03T13:00:00Z', { planFamily: 'business', elevated: true, severity: 'C' });
    when('2026-11-03T13:30:00Z');
    await tickets.assign(t.T6!.number, as(agentX), agentX);
    when('2026-11-03T16:00:00Z');
    await tickets.resolve(t.T6!.number, as(agentX), { note: 'Policy changed.' });
    when('2026-11-03T17:00:00Z');
    await tickets.reopen(t.T6!.number, { kind: 'requester', requesterId: 'aad-alice' }, { reason: 'Still broken' });
    when('2026-11-03T18:00:00Z');
    await tickets.resolve(t.T6!.number, as(agentX), { note: 'Fixed for real.' });
    // Elevated Severity A filed at 09:00, unanswered: missed by 12:30.
    await file('T8', '2026-11-03T09:00:00Z', { planFamily: 'business', elevated: true, severity: 'A' });

    const outbox = startOutboxDispatcher({ db, consumers: [insightsConsumer({ timeZone: ZONE })], log: pino({ level: 'silent' }) });
    await outbox.drain();
    await outbox.stop();

    // Satisfaction: an answer with personal data in it, two requests, and a second answer that does not count.
    await insights.recordSatisfaction({ caseId: cases.one, ticketNumber: null, about: 'self_help', score: 5, comment: 'Clear steps! Mail me at kim@contoso.com or +49 30 1234567', conversationId: 'conv-a', channelId: 'directline', language: 'en', at: at('2026-11-02T22:41:00Z') });
    await insights.recordSatisfaction({ caseId: null, ticketNumber: t.T6!.number, about: 'ticket', score: 2, comment: null, conversationId: 'conv-x', channelId: 'msteams', language: 'en', at: at('2026-11-03T18:05:00Z') });
    await insights.recordSatisfaction({ caseId: null, ticketNumber: t.T1!.number, about: 'ticket', score: 4, comment: 'quick', conversationId: 'conv-a', channelId: 'directline', language: 'en', at: at('2026-11-03T09:10:00Z') });
    await insights.recordSatisfaction({ caseId: cases.one, ticketNumber: null, about: 'self_help', score: 1, comment: null, conversationId: 'conv-a', channelId: 'directline', language: 'en', at: at('2026-11-02T22:50:00Z') });

    const gap = (text: string, language: 'en' | 'de', reason: 'clarification' | 'something_else' | 'self_help_failed', closest: string, iso: string) =>
      insights.recordGap({ caseId: null, text, language, reason, topic: null, closestArticleId: closest, score: 0.31, at: at(iso) });
    await gap('users cannot see the shared calendar of a room mailbox', 'en', 'clarification', 'exo-room-mailbox', '2026-11-03T10:00:00Z');
    await gap('Room mailbox shared calendar is not visible to our users', 'en', 'something_else', 'exo-room-mailbox', '2026-11-03T10:30:00Z');
    await gap('how do I change the billing address on the invoice? call me on +1 425 555 0100', 'en', 'self_help_failed', 'billing-invoice', '2026-11-03T11:00:00Z');
    await gap('Raumpostfach Kalender wird nicht angezeigt', 'de', 'clarification', 'exo-room-mailbox', '2026-11-03T11:30:00Z');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('counts cases, conversations and outcomes over the range, with the rates over ended cases', async () => {
    const { totals } = await reader().summary(range());
    expect(totals).toMatchObject({ conversations: 4, cases: 6, selfHelp: 1, incident: 1, escalated: 0, handedToPerson: 1, abandoned: 1, refused: 1, open: 1 });
    expect(totals.selfHelpRate).toBeCloseTo(1 / 5);
    expect(totals.deflectionRate).toBeCloseTo(2 / 5);
    expect(totals.escalationRate).toBeCloseTo(1 / 5);
    expect(totals.handoffRate).toBeCloseTo(1 / 5);
    expect(totals.abandonRate).toBeCloseTo(1 / 5);
    expect(totals.refusalRate).toBeCloseTo(1 / 5);
  });

  it('puts each case on its day in the reporting time zone, per day and per week', async () => {
    const { series } = await reader().outcomes(range());
    // 22:30 UTC on 2 November is 23:30 in Berlin: Monday. 23:30 UTC is 00:30 on Tuesday in Berlin.
    expect(series.map((s) => [s.bucket, s.conversations, s.cases, s.selfHelp, s.handedToPerson, s.open])).toEqual([
      ['2026-11-02', 1, 1, 1, 0, 0],
      ['2026-11-03', 3, 5, 0, 1, 1],
    ]);
    const weeks = await reader().outcomes(range({ bucket: 'week', from: '2026-10-26', to: '2026-11-08' }));
    expect(weeks.series.map((s) => [s.bucket, s.cases])).toEqual([
      ['2026-10-26', 0],
      ['2026-11-02', 6],
    ]);
  });

  it('breaks cases down by topic, channel, language and cloud, and filters by any of them', async () => {
    const byTopic = await reader().breakdown(range(), 'topic');
    expect(byTopic.rows.map((r) => [r.key, r.cases])).toEqual([
      ['teams.meetings', 2],
      ['accounts.passwords', 1],
      ['billing.invoices', 1],
      ['exchange.mailbox-full', 1],
      ['oos.unrelated', 1],
    ]);
    // The picked topic moved the case's counts: nothing is left under "unknown".
    expect(byTopic.rows.find((r) => r.key === 'exchange.mailbox-full')).toMatchObject({ abandoned: 1, abandonRate: 1 });
    expect((await reader().breakdown(range(), 'channel')).rows.map((r) => [r.key, r.cases])).toEqual([
      ['directline', 5],
      ['msteams', 1],
    ]);
    expect((await reader().breakdown(range(), 'language')).rows.map((r) => [r.key, r.cases])).toEqual([
      ['en', 3],
      ['zh-Hans', 2],
      ['de', 1],
    ]);
    expect((await reader().breakdown(range(), 'cloud')).rows.map((r) => [r.key, r.cases, r.open])).toEqual([
      ['worldwide', 3, 1],
      ['21vianet', 2, 0],
      ['germany', 1, 0],
    ]);
    const teams = await reader().summary(range({ channel: 'msteams' }));
    expect(teams.totals).toMatchObject({ conversations: 1, cases: 1, abandoned: 1 });
    const chinese = await reader().summary(range({ language: 'zh-Hans', topic: 'teams.meetings' }));
    expect(chinese.totals).toMatchObject({ cases: 1, incident: 1, deflectionRate: 1 });
  });

  it('keeps both daily rollups equal to the cases they count', async () => {
    const read = async (zeros: boolean) => [
      (await db.query(`SELECT * FROM insight_case_days ${zeros ? 'WHERE cases <> 0 OR conversations <> 0' : ''} ORDER BY 1, 2, 3, 4, 5, 6`)).rows,
      (await db.query(`SELECT * FROM insight_case_day_keys ${zeros ? 'WHERE cases <> 0 OR conversations <> 0' : ''} ORDER BY 1, 2, 3`)).rows,
    ];
    const before = await read(true);
    expect(before[1]!.length).toBeGreaterThan(6);
    await db.transaction((tx) => rebuildCaseDays(tx));
    expect(await read(false)).toEqual(before);
  });

  it('answers the same from either rollup', async () => {
    // One filter reads the one-dimension rollup, two filters every combination: the same cases either way.
    const one = await reader().summary(range({ channel: 'directline' }));
    const two = await reader().summary(range({ channel: 'directline', category: 'technical' }));
    const other = await reader().summary(range({ channel: 'directline', category: 'billing' }));
    const oos = await reader().summary(range({ channel: 'directline', category: 'out-of-scope' }));
    expect(one.totals.cases).toBe(two.totals.cases + other.totals.cases + oos.totals.cases);
    expect(one.totals).toMatchObject({ cases: 5, conversations: 3, selfHelp: 1, incident: 1, handedToPerson: 1, refused: 1, open: 1 });
  });

  it('counts satisfaction once per case or request, with personal data taken out of comments', async () => {
    const s = await reader().satisfaction(range());
    expect(s.distribution).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 1 },
      { score: 3, count: 0 },
      { score: 4, count: 1 },
      { score: 5, count: 1 },
    ]);
    expect(s.byAbout).toEqual({ self_help: { responses: 1, average: 5, csat: 1 }, ticket: { responses: 2, average: 3, csat: 0.5 } });
    expect(s.series).toEqual([
      { bucket: '2026-11-02', responses: 1, average: 5 },
      { bucket: '2026-11-03', responses: 2, average: 3 },
    ]);
    expect(s.recentComments.map((c) => c.comment)).toEqual(['quick', 'Clear steps! Mail me at [email] or [phone]']);
    const { totals } = await reader().summary(range());
    expect(totals.satisfaction).toEqual({ responses: 3, average: 3.67, csat: 2 / 3 });
    // The request's answer is counted with what its case was about.
    const byTopic = await reader().satisfaction(range({ topic: 'teams.meetings' }));
    expect(byTopic.distribution.find((d) => d.score === 4)?.count).toBe(1);
    // Webhooks hear of each counted answer, once.
    const events = (await db.query<{ n: string }>("SELECT count(*)::text AS n FROM outbox_events WHERE type = 'satisfaction.recorded'")).rows[0]!.n;
    expect(events).toBe('3');
  });

  it('measures response objectives: met, missed, pending, on the objective’s own clock', async () => {
    const o = await reader().objectives(range());
    expect(o.bySeverity).toEqual([
      { severity: 'A', tickets: 3, met: 0, missed: 2, pending: 1, metRate: 0, medianFirstResponseMinutes: 120 },
      { severity: 'B', tickets: 1, met: 1, missed: 0, pending: 0, metRate: 1, medianFirstResponseMinutes: 60 },
      { severity: 'C', tickets: 2, met: 2, missed: 0, pending: 0, metRate: 1, medianFirstResponseMinutes: 120 },
    ]);
    expect(o.byCloud).toEqual([
      { cloud: '21vianet', tickets: 1, met: 1, missed: 0, pending: 0, metRate: 1 },
      { cloud: 'worldwide', tickets: 5, met: 2, missed: 2, pending: 1, metRate: 0.5 },
    ]);
    const row = (await db.query<{ response_minutes: number; objective_family: string; availability: string; initial_response: string }>('SELECT * FROM insight_tickets WHERE number = $1', [t.T3!.number])).rows[0]!;
    expect(row).toMatchObject({ response_minutes: 60, objective_family: 'any', availability: 'business-hours', initial_response: 'business-days:3' });
    const { totals } = await reader().summary(range());
    expect(totals.objectives).toEqual({ tickets: 6, met: 3, missed: 2, pending: 1, metRate: 0.6 });
  });

  it("measures each agent's time to claim and to resolve, a reopened request resolved twice", async () => {
    const { rows } = await reader().agents(range({ to: '2026-11-04' }));
    expect(rows).toEqual([
      { agentId: agentX, claimed: 3, resolved: 2, medianMinutesToClaim: 30, medianMinutesToResolve: 120 },
      { agentId: agentY, claimed: 1, resolved: 0, medianMinutesToClaim: 510, medianMinutesToResolve: null },
    ]);
  });

  it('groups knowledge gaps by wording, per language, with scrubbed samples and the closest article', async () => {
    const { clusters } = await reader().gaps(range());
    expect(clusters.map((c) => [c.language, c.count])).toEqual([
      ['en', 2],
      ['de', 1],
      ['en', 1],
    ]);
    expect(clusters[0]).toMatchObject({
      label: 'users cannot see the shared calendar of a room mailbox',
      reasons: { clarification: 1, something_else: 1, out_of_scope_low_confidence: 0, self_help_failed: 0 },
      closestArticle: { id: 'exo-room-mailbox', score: 0.31 },
    });
    expect(clusters[0]!.samples).toHaveLength(2);
    expect(clusters[2]!.samples).toEqual(['how do I change the billing address on the invoice? call me on [phone]']);
  });

  describe('when the reporting time zone changes', () => {
    it('recounts every day in the new zone', async () => {
      expect(await ensureReportZone(db, 'UTC')).toBe(true);
      const { series } = await reader().outcomes(range());
      expect(series.map((s) => [s.bucket, s.cases])).toEqual([
        ['2026-11-02', 2],
        ['2026-11-03', 4],
      ]);
      expect(await ensureReportZone(db, 'UTC')).toBe(false);
      await ensureReportZone(db, ZONE);
    });
  });

  describe('through the agent API', () => {
    let app: App;
    let manager = '';
    let agent = '';
    beforeAll(async () => {
      app = await startTestApp(db, { INSIGHTS_TIME_ZONE: ZONE });
      const agents = createAgentStore(db);
      manager = (await agents.add('Morgan Lee', { role: 'manager' })).token;
      agent = (await agents.add('Ari Diaz')).token;
    });
    afterAll(async () => {
      await app?.close();
    });
    const get = (path: string, token: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

    it('answers managers, refuses other agents', async () => {
      expect((await get('/api/insights/summary', agent)).status).toBe(403);
      const res = await get('/api/insights/summary?from=2026-11-02&to=2026-11-03', manager);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { range: unknown; totals: { cases: number } };
      expect(body.range).toEqual({ from: '2026-11-02', to: '2026-11-03', timeZone: ZONE, bucket: 'day' });
      expect(body.totals.cases).toBe(6);
      const agents = (await (await get('/api/insights/agents?from=2026-11-02&to=2026-11-04', manager)).json()) as { rows: { name: string }[] };
      expect(agents.rows.map((r) => r.name)).toEqual(['Xu Ming', 'Yara Berg']);
    });

    it('refuses a bad range with a 400', async () => {
      for (const query of ['from=2026-11-04&to=2026-11-03', 'from=yesterday', 'from=2020-01-01&to=2026-11-03', 'bucket=month', 'by=colour']) {
        const res = await get(`/api/insights/breakdown?${query}`, manager);
        expect(res.status, query).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Invalid query/);
      }
    });

    it('downloads the numbers behind each chart as CSV', async () => {
      const res = await get('/api/insights/breakdown?from=2026-11-02&to=2026-11-03&by=channel&format=csv', manager);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="insights-breakdown-channel-2026-11-02-2026-11-03.csv"');
      const lines = (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('channel,cases,selfHelp,incident,escalated,handedToPerson,abandoned,refused,open,selfHelpRate,deflectionRate,escalationRate,handoffRate,abandonRate,refusalRate');
      expect(lines[1]).toMatch(/^directline,5,1,1,0,1,0,1,1,/);
      const satisfaction = await (await get('/api/insights/satisfaction?from=2026-11-02&to=2026-11-03&table=distribution', manager, { accept: 'text/csv' })).text();
      expect(satisfaction.replace(/^\uFEFF/, '')).toBe('score,count\r\n1,0\r\n2,1\r\n3,0\r\n4,1\r\n5,1\r\n');
      const gaps = await (await get('/api/insights/gaps?from=2026-11-02&to=2026-11-03&format=csv', manager)).text();
      expect(gaps).toContain('[phone]');
      expect(gaps).not.toContain('555 0100');
    });
  });
});
