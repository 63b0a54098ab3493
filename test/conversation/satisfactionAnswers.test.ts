import { describe, expect, it } from 'vitest';
import { readTypedSatisfaction } from '../../dialogs/satisfactionAnswer.js';
import { readSatisfactionSubmit, satisfactionCard } from '../../dialogs/cards/satisfactionCard.js';
import { answeredCard, submitCardOf } from '../../dialogs/teams/submittedCards.js';
import { listInEveryLanguage, type MessageKey } from '../../src/i18n/index.js';

// Typed answers to "how satisfied are you?" in the four languages, whatever the conversation's language.
describe('typed satisfaction answers', () => {
  it.each([
    // English
    ['5', 5, null],
    ['4/5', 4, null],
    ['4 / 5', 4, null],
    ['3 out of 5', 3, null],
    ['5 stars', 5, null],
    ['five', 5, null],
    ["I'd give it a 4", 4, null],
    ['4 - good but slow', 4, 'good but slow'],
    ['2: the article was out of date', 2, 'the article was out of date'],
    ['great', 5, null],
    ['Great, thanks!', 5, null],
    ['good but slow', 4, 'good but slow'],
    ['not good', 2, null],
    ['terrible', 1, null],
    // German
    ['fünf', 5, null],
    ['vier von 5', 4, null],
    ['sehr gut', 5, null],
    ['gut, aber langsam', 4, 'gut, aber langsam'],
    ['nicht gut', 2, null],
    ['sehr schlecht', 1, null],
    ['Ich gebe eine 3', 3, null],
    // Simplified Chinese
    ['五', 5, null],
    ['５', 5, null],
    ['五分', 5, null],
    ['4分，有点慢', 4, '有点慢'],
    ['很好', 5, null],
    ['很好，谢谢', 5, null],
    ['一般', 3, null],
    ['不错，但是有点慢', 4, '不错，但是有点慢'],
    ['打5分', 5, null],
    // Traditional Chinese
    ['很棒', 5, null],
    ['還可以', 3, null],
    ['不滿意', 2, null],
    ['三顆星', 3, null],
  ])('reads %j as %i', (text, score, comment) => {
    expect(readTypedSatisfaction(text)).toEqual({ score, comment });
  });

  it.each([
    '2 users cannot sign in',
    'one user is locked out',
    '一个用户无法登录',
    '两个邮箱收不到邮件',
    'Outlook keeps crashing',
    'hi',
    'my requests',
    'help',
    'status of SR-1000042',
    '好的',
    '3.5',
    '6',
    '10',
    '0',
    'goodbye',
    '',
  ])('does not take %j for an answer', (text) => {
    expect(readTypedSatisfaction(text)).toBeUndefined();
  });

  it('gives no word two scores across the languages', () => {
    const scoreOf = new Map<string, number[]>();
    for (const score of [1, 2, 3, 4, 5]) {
      for (const word of listInEveryLanguage(`satisfaction.words.${score}` as MessageKey)) scoreOf.set(word.toLowerCase(), [...new Set([...(scoreOf.get(word.toLowerCase()) ?? []), score])]);
    }
    expect([...scoreOf].filter(([, scores]) => scores.length > 1)).toEqual([]);
  });
});

describe('the satisfaction card', () => {
  const card = satisfactionCard({ about: 'ticket', ticketNumber: 'SR-1000042' }, 'How satisfied are you?', 'de').content as {
    version: string;
    body: { type: string; id?: string; choices?: { title: string; value: string }[]; isRequired?: boolean; maxLength?: number }[];
    actions: { type: string; title: string; data: Record<string, unknown> }[];
  };

  it('is an Adaptive Card 1.5 with five labelled scores, an optional comment and one Send', () => {
    expect(card.version).toBe('1.5');
    const rating = card.body.find((e) => e.id === 'rating')!;
    expect(rating).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    // A number and words in every label: never a colour alone.
    expect(rating.choices!.map((c) => c.title)).toEqual(['5 – Sehr zufrieden', '4 – Zufrieden', '3 – Neutral', '2 – Unzufrieden', '1 – Sehr unzufrieden']);
    expect(card.body.find((e) => e.id === 'comment')).toMatchObject({ type: 'Input.Text', maxLength: 1000 });
    expect(card.actions).toEqual([{ type: 'Action.Submit', title: 'Senden', data: { action: 'satisfaction', satisfaction: { about: 'ticket', ticketNumber: 'SR-1000042' } } }]);
  });

  it('reads its submit, and nothing else, checking every field', () => {
    const data = card.actions[0]!.data;
    expect(readSatisfactionSubmit({ ...data, rating: '4', comment: '  quick  ' })).toEqual({ subject: { about: 'ticket', ticketNumber: 'SR-1000042' }, score: 4, comment: 'quick' });
    expect(readSatisfactionSubmit({ ...data, rating: '9' })?.score).toBeUndefined();
    expect(readSatisfactionSubmit({ ...data, rating: ['5'], comment: 42 })).toEqual({ subject: { about: 'ticket', ticketNumber: 'SR-1000042' }, score: undefined, comment: null });
    expect(readSatisfactionSubmit({ ...data, comment: 'x'.repeat(5000), rating: 3 })?.comment).toHaveLength(1000);
    expect(readSatisfactionSubmit({ action: 'satisfaction', satisfaction: { about: 'ticket' } })).toBeUndefined();
    expect(readSatisfactionSubmit({ choice: 'yes' })).toBeUndefined();
    expect(readSatisfactionSubmit('5')).toBeUndefined();
  });

  it('is redrawn in Teams once answered: the rating and comment as sent, no inputs, no button', () => {
    const sent = submitCardOf({ attachments: [satisfactionCard({ about: 'self_help', caseId: 'c-1' }, 'How satisfied are you?', 'en')] })!;
    const answered = answeredCard(sent, { action: 'satisfaction', satisfaction: { about: 'self_help', caseId: 'c-1' }, rating: '4', comment: 'Quick' }, 'en')!;
    const content = answered.content as { body: { type: string; text?: string; facts?: unknown }[]; actions?: unknown };
    expect(content.actions).toBeUndefined();
    expect(content.body.some((b) => b.type.startsWith('Input.'))).toBe(false);
    expect(content.body.find((b) => b.type === 'FactSet')!.facts).toEqual([
      { title: 'Your rating', value: '4 – Satisfied' },
      { title: 'Comment (optional)', value: 'Quick' },
    ]);
    expect(content.body.at(-1)!.text).toBe('✓ Sent');
  });
});
