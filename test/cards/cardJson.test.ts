import { createRequire } from 'node:module';
import type { Attachment } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { articleCard, articleText } from '../../dialogs/cards/articleCard.js';
import { choiceCard } from '../../dialogs/cards/adaptiveCard.js';
import { contactFormCard } from '../../dialogs/cards/contactFormCard.js';
import { formatMoment } from '../../dialogs/cards/dates.js';
import { emergencyCard } from '../../dialogs/cards/emergencyCard.js';
import { incidentCard } from '../../dialogs/cards/incidentCard.js';
import { confirmationCard, requestSummaryCard, ticketCard } from '../../dialogs/cards/ticketCards.js';
import { LANGUAGES, translate, type Language } from '../../src/i18n/index.js';
import { loadKnowledge, type Article } from '../../src/knowledge/index.js';
import { pinVerificationExplanation } from '../../src/support/index.js';
import { ticketConfirmation, type Ticket } from '../../src/tickets/index.js';

/**
 * The cards' JSON: valid Adaptive Cards 1.5 as the renderer Web Chat ships reads them, no FactSet (its
 * titles get squeezed until words break), every "Show details" pointing at elements that exist, the
 * ticket card compact, nested article lists kept, times in the admin's zone by name.
 */

// The Adaptive Cards renderer inside Web Chat 4.18 (adaptivecards 3.x): its parser knows every element
// and action of each schema version and reports the ones it does not.
const webChatRequire = createRequire(createRequire(import.meta.url).resolve('botframework-webchat'));
const AC = webChatRequire('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): { message: string } };
  Versions: { v1_5: unknown };
};

type Json = Record<string, unknown>;

/** What the renderer complains about when it reads the card as version 1.5; empty when it reads cleanly. */
function rendererProblems(card: Json): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const problems = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...problems, ...parsed.validateProperties().validationEvents.map((e) => e.message)];
}

/** Every object in the card, depth first (shown cards of Action.ShowCard included). */
function nodes(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const v of value) nodes(v, out);
  else if (value && typeof value === 'object') {
    out.push(value as Json);
    for (const v of Object.values(value)) nodes(v, out);
  }
  return out;
}

const content = (a: Attachment) => a.content as Json;
/** The words of TextBlocks and of RichTextBlock runs (list markers), in order. */
const texts = (value: unknown) => nodes(value).filter((n) => n.type === 'TextBlock' || n.type === 'TextRun').map((n) => String(n.text));
/** The card's elements a reader sees before clicking anything: hidden containers and what they hold left out. */
function visibleTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(visibleTexts);
  if (!value || typeof value !== 'object') return [];
  const node = value as Json;
  if (node.isVisible === false || node.type === 'Action.ShowCard') return [];
  return [...(node.type === 'TextBlock' || node.type === 'TextRun' ? [String(node.text)] : []), ...Object.values(node).flatMap(visibleTexts)];
}

const knowledge = loadKnowledge();
const ndr = knowledge.articles.find((a) => a.id === 'exo-mail-flow-outbound-ndr')!;
const ndrIn = (language: Language): Article => (language === 'en' ? ndr : knowledge.translations[language].find((a) => a.id === ndr.id)!);

const now = new Date('2026-12-04T20:30:00Z');
const ticket = {
  number: 'SR-1000042',
  cloud: 'worldwide',
  planId: 'business-premium',
  category: 'technical',
  severity: 'B',
  severityReason: 'Several people are affected.',
  status: 'new',
  createdAt: now,
  updatedAt: now,
  responseDueAt: null,
} as unknown as Ticket;

function confirmation(language: Language) {
  return ticketConfirmation({ ticket, created: true, country: 'US', timeZone: 'America/New_York', wait: { text: 'about 20 minutes' }, now, language });
}

const summaryFields = [
  { label: 'Problem', value: 'Mail to external recipients bounces with 550 5.1.1' },
  { label: 'Severity', value: 'B: moderate business impact' },
  { label: 'Articles tried', value: 'Emails to external recipients bounce back with an NDR; Check mail flow' },
];

function everyCard(language: Language): [string, Attachment][] {
  return [
    ['summary', requestSummaryCard(summaryFields, [{ title: 'Change severity', choice: 'edit-severity' }], 'sub-1', language)],
    ['confirmation', confirmationCard(confirmation(language), ticket, language)],
    ['status', ticketCard({ title: 'Request SR-1000042', ticket, key: [{ label: 'First response due', value: 'no committed time' }], details: [{ label: 'Opened', value: 'today' }] }, language)],
    ['article with page', articleCard(ndrIn(language), { language, readUrl: 'https://bot.example.com/articles/exo-mail-flow-outbound-ndr?lang=en', expanded: true })],
    ['article without page', articleCard(ndrIn(language), { language })],
    ['incident', incidentCard({ id: 'EX123', classification: 'incident', title: 'Mail delays', product: 'Exchange Online', startedAt: now, summary: 'Delays.', userImpact: 'Mail is late.' } as never, 'Matched because of mail', { language, timeZone: 'Europe/Berlin' })],
    ['emergency', emergencyCard(true, language)],
    ['contact form', contactFormCard({}, ['email', 'phone'], {}, language)],
    ['choice', choiceCard('Did this solve it?', [{ title: 'Yes', value: 'yes' }])],
  ];
}

describe.each(LANGUAGES)('every card in %s', (language) => {
  const cards = everyCard(language);

  it.each(cards)('%s reads as a clean Adaptive Card 1.5 in Web Chat’s renderer', (_name, card) => {
    expect(content(card).version).toBe('1.5');
    expect(rendererProblems(content(card))).toEqual([]);
  });

  it.each(cards)('%s has no FactSet and its toggles point at elements of the card', (_name, card) => {
    const all = nodes(content(card));
    expect(all.filter((n) => n.type === 'FactSet')).toEqual([]);
    const ids = all.filter((n) => typeof n.id === 'string' && n.type !== 'Input.Text' && n.type !== 'Input.ChoiceSet').map((n) => n.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const toggle of all.filter((n) => n.type === 'Action.ToggleVisibility')) {
      const targets = toggle.targetElements as string[];
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) expect(ids).toContain(target);
    }
  });
});

describe('the ticket card', () => {
  it('shows number, status, severity, objective and what to do next; the rest behind Show details', () => {
    const card = content(confirmationCard(confirmation('en'), ticket, 'en'));
    const visible = visibleTexts(card.body);
    expect(visible[0]).toBe(confirmation('en').title);
    expect(visible[0]).toContain('SR-1000042');
    expect(visible).toEqual(expect.arrayContaining(['Status', 'New', 'Severity', 'Sev B', 'Response objective']));
    expect(visible.some((t) => t.includes('status of SR-1000042'))).toBe(true);
    expect(visible).not.toContain('Expected wait');
    expect(visible.length).toBeLessThanOrEqual(9);
    const hidden = texts(card.body).filter((t) => !visible.includes(t));
    expect(hidden).toEqual(expect.arrayContaining(['Support hours', 'Expected wait', 'about 20 minutes']));
    const buttons = nodes(card).filter((n) => n.type === 'ActionSet');
    expect(buttons.map((b) => [(b.actions as Json[])[0]!.title, b.isVisible])).toEqual([
      ['Show details', true],
      ['Hide details', false],
    ]);
  });

  it.each(LANGUAGES)('says the PIN check in one sentence, in details, in %s', (language) => {
    const all = texts(content(confirmationCard(confirmation(language), ticket, language)));
    expect(all).not.toContain(pinVerificationExplanation(language));
    expect(all).toContain(translate(language, 'cards.ticket.pin'));
    expect(visibleTexts(content(confirmationCard(confirmation(language), ticket, language)).body)).not.toContain(translate(language, 'cards.ticket.pin'));
  });
});

describe('the article card', () => {
  it('keeps the nested NDR code list, indented under "Look the code up:" with a marker', () => {
    const card = content(articleCard(ndr, { language: 'en', expanded: true }));
    const lines = nodes(card.body).filter((n) => n.type === 'ColumnSet');
    const lineOf = (start: string) => lines.find((l) => texts(l).some((t) => t.startsWith(start)))!;
    const indent = (line: Json) => (line.columns as Json[]).filter((c) => (c.items as unknown[]).length === 0).map((c) => parseInt(String(c.width), 10)).reduce((a, b) => a + b, 0);
    expect(texts(lineOf('Look the code up'))).toEqual(['2.', 'Look the code up:']);
    const nested = lines.filter((l) => texts(l)[0] === '◦');
    expect(nested).toHaveLength(6);
    expect(texts(nested[0])[1]).toBe('**5.1.1 / 5.1.10**: the recipient address does not exist. Check spelling; delete a stale autocomplete entry in Outlook.');
    for (const line of nested) expect(indent(line)).toBeGreaterThan(indent(lineOf('Look the code up')));
    // Three steps shown; the fourth is counted.
    expect(texts(card.body)).toContain('…and 1 more step in the full article.');
  });

  it('opens the article page when there is one, else shows the whole article inside the card', () => {
    const url = 'https://bot.example.com/articles/exo-mail-flow-outbound-ndr?lang=en';
    expect(content(articleCard(ndr, { readUrl: url })).actions).toEqual([{ type: 'Action.OpenUrl', title: 'Read the article', url }]);
    const [full] = content(articleCard(ndr)).actions as Json[];
    expect(full!.type).toBe('Action.ShowCard');
    const shown = texts(full!.card);
    expect(shown).toContain('Before you start');
    expect(shown).toContain("**5.2.2**: the recipient's mailbox is full.");
  });

  it('starts collapsed unless it is the best match', () => {
    const collapsed = content(articleCard(ndr, {}));
    expect(visibleTexts(collapsed.body)).toEqual([ndr.title, ndr.summary]);
    expect(visibleTexts(content(articleCard(ndr, { expanded: true })).body)).toContain('Look the code up:');
  });

  it('is in the conversation’s language, with a note when the article is not translated', () => {
    const german = content(articleCard(ndrIn('de'), { language: 'de', expanded: true }));
    expect(texts(german)).toEqual(expect.arrayContaining([ndrIn('de').title, '2.', '◦']));
    expect(nodes(german).filter((n) => n.type === 'Action.ToggleVisibility').map((n) => n.title)).toEqual(['Schritte anzeigen', 'Schritte ausblenden']);
    expect(texts(german)).not.toContain(translate('de', 'selfHelp.englishOnly'));
    expect(texts(content(articleCard(ndr, { language: 'de' })))).toContain(translate('de', 'selfHelp.englishOnly'));
  });

  it('lists the nested steps indented in plain text too', () => {
    const lines = articleText(ndr, 'en').split('\n');
    expect(lines).toContain('2. Look the code up:');
    expect(lines).toContain("   ◦ **5.2.2**: the recipient's mailbox is full.");
  });
});

describe('times on cards', () => {
  const at = new Date('2026-12-04T20:30:00Z');

  it.each([
    ['en', 'en-US', 'America/New_York', 'Dec 4, 2026, 3:30 PM Eastern Time'],
    ['de', 'de-DE', 'Europe/Berlin', '4. Dez. 2026, 21:30 Mitteleuropäische Zeit'],
    ['zh-Hans', 'zh-CN', 'Asia/Shanghai', '2026年12月5日 中国标准时间 04:30'],
    ['en', 'en-US', undefined, 'Dec 4, 2026, 8:30 PM UTC'],
    ['en', 'en-US', 'Not/AZone', 'Dec 4, 2026, 8:30 PM UTC'],
  ] as const)('%s (%s) in %s', (language, locale, zone, expected) => {
    expect(formatMoment(at, language, locale, zone)).toBe(expected);
  });

  it('names a zone in words, never by its IANA id', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo']) {
      for (const language of LANGUAGES) expect(formatMoment(at, language, undefined, zone)).not.toMatch(/[A-Za-z]+\/[A-Za-z_]+/);
    }
  });
});
