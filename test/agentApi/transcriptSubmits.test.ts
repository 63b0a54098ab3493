import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranscriptStore, databaseTranscriptLogger, displayText, submitText } from '../../src/handoff/transcripts.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';

/** What agents read in the transcript for card submits and files, as each client sends them. */

const user = { id: 'u1', role: 'user' };

describe('displayText of a card submit', () => {
  it.each([
    ['Web Chat: a button, value only', { type: 'message', from: user, value: { choice: 'Email', question: 'contact-method' } }, 'Chose: Email'],
    ['the bot copied the words into text', { type: 'message', from: user, text: 'Email', value: { choice: 'Email' } }, 'Chose: Email'],
    ['Teams message-back', { type: 'message', from: user, text: 'Yes', value: { msteams: { text: 'Yes' } } }, 'Chose: Yes'],
    ['terminal chat: the button with its submission id', { type: 'message', from: user, value: { choice: 'Submit', submissionId: 'abc-123' } }, 'Chose: Submit'],
    [
      'the contact form',
      { type: 'message', from: user, value: { action: 'contactForm', name: 'Sam Jones', email: 'sam@fabrikam.com', phone: '', contactMethod: 'email', description: 'Mail is stuck' } },
      'Name: Sam Jones, Email: sam@fabrikam.com, Contact method: email, Description: Mail is stuck',
    ],
    ['a form with nothing filled in', { type: 'message', from: user, value: { action: 'contactForm', name: '  ' } }, '(submitted a form with no answers)'],
    ['a file', { type: 'message', from: user, attachments: [{ contentType: 'image/png', contentUrl: 'https://x/y', name: 'error.png' }] }, '📎 error.png'],
    ['text and a file', { type: 'message', from: user, text: 'See the log', attachments: [{ contentType: 'text/plain', name: 'trace.log' }] }, 'See the log\n📎 trace.log'],
  ])('%s', (_, activity, expected) => {
    expect(displayText(activity)).toBe(expected);
  });

  it('shows a card the bot sent by its text and buttons, not as a file', () => {
    const card = { contentType: 'application/vnd.microsoft.card.adaptive', name: 'card', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Which method?' }], actions: [{ type: 'Action.Submit', title: 'Email' }] } };
    expect(displayText({ type: 'message', from: { id: 'bot' }, attachments: [card] })).toBe('Which method?\n[Email]');
  });

  it('ignores values that are not submits', () => {
    expect(submitText(['a'])).toBeUndefined();
    expect(submitText('text')).toBeUndefined();
    expect(submitText({ nested: { deep: 1 } })).toBeUndefined();
  });
});

describe('stored transcripts', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(async () => {
    await db.close();
  });

  it('show the answer of submits logged by any channel, and of those stored before this as "(submitted a form)"', async () => {
    const logger = databaseTranscriptLogger(db, createLogger('silent'));
    const conversation = { id: 'conv-submits' };
    logger.logActivity({ type: 'message', channelId: 'directline', conversation, from: user, value: { choice: 'Business Premium' } });
    logger.logActivity({ type: 'message', channelId: 'msteams', conversation, from: user, text: 'Yes', value: { msteams: { text: 'Yes' } } });
    await logger.idle();
    // A row written by the earlier version, which stored only a placeholder as its text.
    await db.query(
      'INSERT INTO transcript_activities (conversation_id, channel_id, role, text, activity, at) VALUES ($1, \'directline\', \'user\', \'(submitted a form)\', $2::jsonb, now())',
      [conversation.id, JSON.stringify({ type: 'message', value: { action: 'contactForm', name: 'Kim Lee', email: 'kim@contoso.com' } })],
    );
    const lines = await createTranscriptStore(db).lines(conversation.id);
    expect(lines.map((l) => l.text)).toEqual(['Chose: Business Premium', 'Chose: Yes', 'Name: Kim Lee, Email: kim@contoso.com']);
  });
});
