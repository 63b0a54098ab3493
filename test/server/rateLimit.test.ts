import { TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_MESSAGE, rateLimit } from '../../src/channels/rateLimit.js';

function harness() {
  let now = 0;
  const handled: string[] = [];
  const adapter = new TestAdapter(async (context) => {
    handled.push(context.activity.text!);
  });
  adapter.use(rateLimit({ burst: 3, perSecond: 1, now: () => now }));
  const send = async (text: string, conversation = 'c1') => {
    await adapter.receiveActivity({ type: 'message', text, conversation: { id: conversation } as never });
    return adapter.activeQueue.splice(0).map((a) => a.text);
  };
  return { send, handled, advance: (ms: number) => (now += ms) };
}

describe('rate limit per conversation', () => {
  it('lets a burst through, then answers once with a friendly note and drops the flood', async () => {
    const h = harness();
    for (const t of ['1', '2', '3']) expect(await h.send(t)).toEqual([]);
    expect(await h.send('4')).toEqual([RATE_LIMIT_MESSAGE]);
    expect(await h.send('5')).toEqual([]);
    expect(h.handled).toEqual(['1', '2', '3']);
  });

  it('refills over time', async () => {
    const h = harness();
    for (const t of ['1', '2', '3', '4']) await h.send(t);
    h.advance(1000);
    await h.send('after a second');
    expect(h.handled).toContain('after a second');
  });

  it('keeps conversations apart', async () => {
    const h = harness();
    for (const t of ['1', '2', '3', '4']) await h.send(t, 'busy');
    await h.send('hello', 'quiet');
    expect(h.handled).toContain('hello');
  });
});
