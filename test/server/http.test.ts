import { describe, expect, it } from 'vitest';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { useTestApp } from '../helpers/testApp.js';

const ctx = useTestApp();

async function post(body: string, contentType = 'application/json') {
  const res = await fetch(`${ctx.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, text: await res.text() };
}

describe('health endpoints', () => {
  it('answers liveness', async () => {
    const res = await fetch(`${ctx.app.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness with the database kind', async () => {
    const res = await fetch(`${ctx.app.url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'pglite' });
  });
});

describe('POST /api/messages', () => {
  it('answers an expectReplies request with the replies in the body', async () => {
    const { status, replies } = await postActivity(ctx.app.url, messageActivity('http-greet', 'hello'));
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0]!.text).toMatch(/support assistant/i);
  });

  it('keeps the conversation going between requests through stored state', async () => {
    await postActivity(ctx.app.url, messageActivity('http-state', 'hello'));
    // The question of the first request is still open in the second: small talk gets it asked again.
    const { replies } = await postActivity(ctx.app.url, messageActivity('http-state', 'thanks'));
    expect(replies.map((r) => r.text).join('\n')).toMatch(/What's going wrong/);
  });

  it.each([
    ['malformed JSON', '{"type": "message", ', 400, /not valid JSON/],
    ['an empty body', '', 400, /empty/],
    ['a JSON array', '[1,2]', 400, /activity/],
    ['an activity without type', JSON.stringify({ text: 'hi', conversation: { id: 'x' } }), 400, /"type"/],
    ['a type that is not a string', JSON.stringify({ type: 42, channelId: 'test', conversation: { id: 'c' } }), 400, /"type"/],
  ])('rejects %s with %i and a plain message', async (_name, body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.text).error.message).toMatch(message);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+|SyntaxError|Unexpected token/);
  });

  it('rejects a body over 256 KB with 413', async () => {
    const huge = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect(res.text).not.toContain('xxxx');
  });

  it.each([
    ['no conversation', { type: 'message', channelId: 'test', text: 'hi' }],
    ['no channelId', { type: 'message', conversation: { id: 'c' }, text: 'hi' }],
    ['a conversation without id', { type: 'message', channelId: 'test', conversation: {} }],
  ])('rejects an activity with %s (400) without internals', async (_name, activity) => {
    const res = await post(JSON.stringify(activity));
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/\.(ts|js):\d+|TypeError|Cannot read/);
  });
});
