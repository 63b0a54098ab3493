import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createConversationServices } from '../../src/conversationServices.js';
import { startConversation, useConversationDb, type Reply } from '../helpers/conversation.js';

/**
 * The self-help articles as the conversation sends them: a vertical list, the best match with its steps
 * open, and "Read the article" to the bot's own page where its public address is known (https only in
 * Teams, whose clients open nothing else).
 */

const ctx = useConversationDb();
type Json = Record<string, unknown>;

async function articles(channelId: string, publicBaseUrl: string | undefined): Promise<Reply> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_SAMPLE_INCIDENTS: 'false' });
  const services = { ...createConversationServices(ctx.db, config), publicBaseUrl: () => publicBaseUrl };
  const c = startConversation({ db: ctx.db, channelId, services });
  const replies = await c.say('emails to external recipients bounce back with an NDR 550 5.1.1');
  return replies.find((r) => (r.attachments?.length ?? 0) > 1)!;
}

const actionsOf = (reply: Reply) => reply.attachments!.map((a) => ((a.content as Json).actions as Json[])[0]!);

describe('the article list', () => {
  it('is a list with a link to each article’s page on this server', async () => {
    const reply = await articles('directline', 'https://bot.example.com');
    expect(reply.attachmentLayout).toBe('list');
    const actions = actionsOf(reply);
    expect(actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Read the article', url: 'https://bot.example.com/articles/exo-mail-flow-outbound-ndr?lang=en' });
    expect(actions.every((a) => a.type === 'Action.OpenUrl')).toBe(true);
    // Only the best match starts with its steps open.
    const open = reply.attachments!.map((a) => ((a.content as Json).body as Json[]).some((e) => e.type === 'Container' && e.isVisible === true));
    expect(open).toEqual([true, ...open.slice(1).map(() => false)]);
  });

  it('links in Teams only to an https page; otherwise the article opens inside the card', async () => {
    expect(actionsOf(await articles('msteams', 'https://bot.example.com'))[0]!.type).toBe('Action.OpenUrl');
    expect(actionsOf(await articles('msteams', 'http://bot.example.com'))[0]!.type).toBe('Action.ShowCard');
    expect(actionsOf(await articles('directline', undefined))[0]!.type).toBe('Action.ShowCard');
  });

  it('takes PUBLIC_URL as an http(s) address without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://bot.example.com/' }).PUBLIC_URL).toBe('https://bot.example.com');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://bot.example.com' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ PUBLIC_URL: '' }).PUBLIC_URL).toBeUndefined();
  });
});
