import { describe, expect, it } from 'vitest';
import { incidentCard, incidentText } from '../../dialogs/cards/incidentCard.js';
import { createIncidentService, seedSampleIncidents } from '../../src/serviceHealth/index.js';
import { script, startConversation, useConversationDb, visibleText } from '../helpers/conversation.js';

const ctx = useConversationDb();

describe('a matched incident in the conversation', () => {
  it('shows the mail-delay incident for delayed external mail, saying why it was matched (card)', async () => {
    await seedSampleIncidents(createIncidentService(ctx.db));
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await script(c, ['hi']);
    const replies = await c.say('emails to external recipients are delayed by hours');
    const card = replies.flatMap((r) => r.attachments ?? []).map((a) => a.content as { version: string; body: Record<string, unknown>[] }).find((content) => JSON.stringify(content).includes('EX900101'));
    expect(card?.version).toBe('1.5');
    const reasonBlock = card!.body.find((b) => typeof b.text === 'string' && (b.text as string).startsWith('Matched because: '));
    expect(reasonBlock).toMatchObject({ type: 'TextBlock', isSubtle: true, wrap: true });
    expect(reasonBlock!.text).toMatch(/Exchange Online.*'delayed'/);
  });

  it('says why in the text fallback too', async () => {
    await seedSampleIncidents(createIncidentService(ctx.db));
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, ['hi']);
    const reply = await c.sayText('emails to external recipients are delayed by hours');
    expect(reply).toMatch(/Known incident EX900101/);
    expect(reply).toMatch(/Matched because: it's about Exchange Online.*your message mentions .*'delayed'/);
  });

  it('does not show the mail-delay incident for Outlook password prompts after MFA', async () => {
    await seedSampleIncidents(createIncidentService(ctx.db));
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await script(c, ['hi']);
    const reply = (await c.say('Outlook keeps asking for my password after we turned on MFA')).map(visibleText).join('\n');
    expect(reply).not.toMatch(/EX900101|Delays sending mail|known service issue/);
  });

  it('renders the reason as the last, subtle block of the card and the last line of the text', () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const incident = { id: 'EX1', title: 'Mail delays', product: 'Exchange Online', topics: [], classification: 'incident' as const, summary: 'Queued.', userImpact: '', status: 'active' as const, startedAt: at, updatedAt: at, resolvedAt: null };
    const reason = "Matched because: it's about Exchange Online, and your message mentions 'queued' and 'mail'.";
    const body = (incidentCard(incident, reason).content as { body: Record<string, unknown>[] }).body;
    expect(body.at(-1)).toEqual({ type: 'TextBlock', text: reason, wrap: true, isSubtle: true, size: 'Small', spacing: 'Medium' });
    expect(incidentText(incident, reason).split('\n').at(-1)).toBe(reason);
    expect(JSON.stringify(incidentCard(incident).content)).not.toContain('Matched because');
  });
});
