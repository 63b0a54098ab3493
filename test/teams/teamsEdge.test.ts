import { describe, expect, it } from 'vitest';
import { choiceCard } from '../../dialogs/cards/adaptiveCard.js';
import { contactFormCard } from '../../dialogs/cards/contactFormCard.js';
import { contactFromMember } from '../../dialogs/teams/memberPrefill.js';
import { answeredCard, submitCardOf, type SentCard } from '../../dialogs/teams/submittedCards.js';

describe('contact details from a Teams member record', () => {
  it.each([
    ['a member with a mailbox', { name: 'Adele Vance', email: 'Adele.Vance@contoso.com', userPrincipalName: 'adelev@contoso.onmicrosoft.com' }, { name: 'Adele Vance', email: 'adele.vance@contoso.com' }],
    ['a member without email: the UPN', { name: 'Alex Wilber', userPrincipalName: 'alexw@contoso.com' }, { name: 'Alex Wilber', email: 'alexw@contoso.com' }],
    ['a guest: the #EXT# UPN is no mailbox', { name: 'Kim Lee', userPrincipalName: 'kim_fabrikam.com#EXT#@contoso.onmicrosoft.com' }, { name: 'Kim Lee', email: undefined }],
    ['a display name that is no name', { name: 'x', email: 'not-an-email' }, { name: undefined, email: undefined }],
  ])('%s', (_case, member, expected) => {
    expect(contactFromMember(member)).toEqual(expected);
  });
});

describe('an answered card', () => {
  const question = submitCardOf({ attachments: [choiceCard('Did this solve it?', [{ title: 'Yes, solved', value: 'solved' }, { title: 'No, I still need help', value: 'not-solved' }])] })!;
  const texts = (card: ReturnType<typeof answeredCard>) => (card!.content as { body: { text?: string }[] }).body.map((b) => b.text);

  it('keeps the question, drops the buttons and names the chosen one by its title', () => {
    const card = answeredCard(question, { choice: 'not-solved' })!;
    expect(texts(card)).toEqual(['Did this solve it?', '✓ You chose: No, I still need help']);
    expect((card.content as { actions?: unknown }).actions).toBeUndefined();
  });

  it('is not drawn for a submit that matches none of its buttons', () => {
    expect(answeredCard(question, { choice: 'something-else' })).toBeUndefined();
    expect(answeredCard(question, { msteams: { text: 'yes' } })).toBeUndefined();
  });

  it('shows a form as what was sent, without inputs or the last round of error lines', () => {
    const form: SentCard = submitCardOf({ attachments: [contactFormCard({ name: 'Kim' }, ['teams_chat', 'email', 'phone'], { email: 'Email: that is not an address' })] })!;
    const card = answeredCard(form, { action: 'contactForm', name: 'Kim Lee', email: 'kim@contoso.com', phone: '', contactMethod: 'email', description: 'Mail is down' })!;
    const body = (card.content as { body: { type: string; text?: string; color?: string; facts?: unknown }[] }).body;
    expect(body.some((b) => b.type.startsWith('Input.'))).toBe(false);
    expect(body.some((b) => b.color === 'Attention')).toBe(false);
    expect(body.find((b) => b.type === 'FactSet')!.facts).toContainEqual({ title: 'How should support contact you?', value: 'Email' });
    expect(body.at(-1)!.text).toBe('✓ Sent');
  });

  it('is only remembered for cards with a submit button', () => {
    expect(submitCardOf({ text: 'plain' })).toBeUndefined();
    expect(submitCardOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }] })).toBeUndefined();
  });
});
