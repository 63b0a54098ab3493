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

describe('one note per flood', () => {
  // A script sending 50 messages a second for 6 seconds: the bucket (3, refilled at 1 a second) lets
  // a message through every second mid-flood, and the flood must still be answered only once.
  const flood = async (h: ReturnType<typeof harness>, count: number, everyMs: number) => {
    const notes: string[] = [];
    for (let i = 0; i < count; i++) {
      notes.push(...((await h.send(`flood ${i}`)) as string[]));
      h.advance(everyMs);
    }
    return notes;
  };

  it('sends the note once in a long flood, although the bucket refills and lets messages through mid-flood', async () => {
    const h = harness();
    const notes = await flood(h, 300, 20);
    expect(h.handled.length).toBeGreaterThan(3); // the refill let some through after the burst
    expect(notes).toEqual([RATE_LIMIT_MESSAGE]);
  });

  it('sends it once more for a second flood after the conversation has been quiet', async () => {
    const h = harness();
    expect(await flood(h, 300, 20)).toEqual([RATE_LIMIT_MESSAGE]);
    h.advance(15_000);
    expect(await h.send('back to normal')).toEqual([]);
    expect(h.handled).toContain('back to normal');
    expect(await flood(h, 300, 20)).toEqual([RATE_LIMIT_MESSAGE]);
  });

  it('counts a pause shorter than the cool-down as the same flood', async () => {
    const h = harness();
    expect(await flood(h, 100, 20)).toEqual([RATE_LIMIT_MESSAGE]);
    h.advance(1_500);
    expect(await flood(h, 100, 20)).toEqual([]);
  });
});
