import { TeamsInfo, type ConversationReference, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/channels/adapter.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createConnectorTransport } from '../../src/channels/connectorTransport.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isSafeToRetry, nextRetryDelay, parseRetryAfter } from '../../src/channels/throttlingRetry.js';
import { startFakeConnector, type FakeConnector, type ScriptedResponse } from '../helpers/fakeConnector.js';
import { BOT, TENANT_ID, teamsUser } from './teamsActivities.js';

describe('retry decisions', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');

  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    ['Sat, 01 Mar 2025 10:00:03 GMT', 3000],
    ['Sat, 01 Mar 2025 09:59:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('reads Retry-After %j as %j ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([
    [429, undefined, true],
    [429, 1000, true],
    [503, 1000, true],
    [503, undefined, false],
    [500, undefined, false],
    [502, 1000, false],
    [504, undefined, false],
    [408, undefined, false],
    [400, undefined, false],
  ])('a %i (Retry-After %j ms) is safe to send again: %j', (status, retryAfter, safe) => {
    expect(isSafeToRetry(status, retryAfter)).toBe(safe);
  });

  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 4000],
  ])('the backoff ceiling before retry %i is %i ms, and full jitter spreads the wait below it', (retry, ceiling) => {
    expect(backoffDelayMs(retry, undefined, DEFAULT_RETRY_POLICY, () => 0.999999)).toBe(ceiling);
    expect(backoffDelayMs(retry, undefined, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });

  it('adds the jitter on top of Retry-After, which is a floor', () => {
    expect(backoffDelayMs(1, 3000, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(3500);
  });

  it.each([
    ['after the last allowed retry', { retry: 4 }],
    ['when the wait would pass the per-request cap', { retryAfterMs: 9000, waitedMs: 2000 }],
    ['when the wait would end after the turn budget', { turnStartedAt: now - 11_500, retryAfterMs: 1000 }],
  ])('gives up %s', (_case, state) => {
    expect(nextRetryDelay({ retry: 0, status: 429, retryAfterMs: undefined, waitedMs: 0, now, ...state }, DEFAULT_RETRY_POLICY, () => 0.5)).toBeUndefined();
  });
});

describe('sending through the adapter when Teams throttles', () => {
  let connector: FakeConnector;
  const sleeps: number[] = [];
  let clockOffset = 0;
  const adapter = createAdapter(loadConfig({ LOG_LEVEL: 'silent' }), createLogger('silent'), {
    transport: {
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      now: () => Date.now() + clockOffset,
    },
  });

  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(() => connector.close());
  beforeEach(() => {
    connector.reset();
    sleeps.length = 0;
    clockOffset = 0;
  });

  const reference = (): Partial<ConversationReference> => ({
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: `a:1${Date.now()}`, conversationType: 'personal', tenantId: TENANT_ID, isGroup: false, name: '' },
    bot: BOT,
    user: teamsUser(),
  });
  /**
   * Runs the call in a proactive turn (the same middleware and connector client as an incoming one) and
   * returns what it threw, since the adapter's error handler would otherwise swallow it.
   */
  const inTurn = async (call: (context: TurnContext) => Promise<unknown>): Promise<unknown> => {
    let thrown: unknown;
    await adapter.continueConversationAsync('', reference(), async (context) => {
      try {
        await call(context);
      } catch (err) {
        thrown = err;
      }
    });
    return thrown;
  };
  const throttled = (retryAfter?: string): ScriptedResponse => ({
    status: 429,
    headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
    body: { error: { code: 'Throttled', message: 'Too many requests' } },
  });
  const attempts = () => connector.calls.filter((c) => c.kind === 'send');

  it('sends once after two 429s, waiting Retry-After plus jitter each time', async () => {
    connector.script('send', throttled('1'), throttled('2'));
    expect(await inTurn((context) => context.sendActivity('hello'))).toBeUndefined();
    expect(attempts().map((c) => c.status)).toEqual([429, 429, 200]);
    expect(connector.delivered()).toHaveLength(1);
    expect(sleeps).toEqual([1000 + 250, 2000 + 500]);
  });

  it('backs off exponentially without Retry-After and gives up after four retries with the 429', async () => {
    connector.script('send', ...Array.from({ length: 6 }, () => throttled()));
    expect(await inTurn((context) => context.sendActivity('hello'))).toMatchObject({ statusCode: 429 });
    expect(attempts()).toHaveLength(5);
    expect(sleeps).toEqual([250, 500, 1000, 2000]);
    expect(connector.delivered()).toHaveLength(0);
  });

  it.each([
    ['a 500', { status: 500, body: { error: { code: 'ServiceError', message: 'boom' } } }],
    ['a 502', { status: 502 }],
    ['a 504', { status: 504 }],
    ['a 503 without Retry-After', { status: 503 }],
  ])('never sends again after %s, which may have been posted already', async (_case, failure) => {
    connector.script('send', failure);
    expect(await inTurn((context) => context.sendActivity('hello'))).toMatchObject({ statusCode: failure.status });
    expect(attempts()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a 503 that carries Retry-After', async () => {
    connector.script('send', { status: 503, headers: { 'Retry-After': '1' } });
    expect(await inTurn((context) => context.sendActivity('hello'))).toBeUndefined();
    expect(attempts().map((c) => c.status)).toEqual([503, 200]);
  });

  it('does not wait when Retry-After is longer than the turn can afford', async () => {
    connector.script('send', throttled('30'));
    expect(await inTurn((context) => context.sendActivity('hello'))).toMatchObject({ statusCode: 429 });
    expect(attempts()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('stops retrying near the end of the turn budget', async () => {
    connector.script('send', throttled('1'));
    clockOffset = 11_500; // the transport sees the turn as 11.5 s old
    expect(await inTurn((context) => context.sendActivity('hello'))).toMatchObject({ statusCode: 429 });
    expect(attempts()).toHaveLength(1);
  });

  it('looks a member up once even when the connector fails with 500', async () => {
    connector.script('member', { status: 500 });
    expect(await inTurn((context) => TeamsInfo.getMember(context, '29:someone'))).toMatchObject({ statusCode: 500 });
    expect(connector.calls.filter((c) => c.kind === 'member')).toHaveLength(1);
  });

  it('updates go through the same throttling-aware transport', async () => {
    connector.script('update', throttled('1'));
    expect(await inTurn((context) => context.updateActivity({ type: 'message', id: '1:msg-9', text: 'edited' }))).toBeUndefined();
    expect(connector.calls.filter((c) => c.kind === 'update').map((c) => [c.status, c.activityId])).toEqual([
      [429, '1:msg-9'],
      [200, '1:msg-9'],
    ]);
  });
});

describe('the connector transport', () => {
  it('forwards the request as the SDK built it: method, signed Authorization header and body', async () => {
    const connector = await startFakeConnector();
    try {
      const headers = { authorization: 'Bearer token-from-the-sdk', 'content-type': 'application/json; charset=utf-8' };
      const request = {
        url: `${connector.serviceUrl}v3/conversations/${encodeURIComponent('19:abc@thread.tacv2;messageid=1')}/activities/1`,
        method: 'POST',
        headers: { rawHeaders: () => headers },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
        timeout: 0,
      };
      const response = await createConnectorTransport().sendRequest(request as never);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.bodyAsText!)).toEqual({ id: '1:msg-1' });
      expect(connector.calls[0]).toMatchObject({
        kind: 'send',
        conversationId: '19:abc@thread.tacv2;messageid=1',
        activityId: '1',
        authorization: 'Bearer token-from-the-sdk',
        body: { type: 'message', text: 'hi' },
      });
    } finally {
      await connector.close();
    }
  });
});
