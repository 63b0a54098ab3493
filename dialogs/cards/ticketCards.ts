import type { Attachment } from 'botbuilder';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../src/i18n/index.js';
import { statusLabel, type Ticket } from '../../src/tickets/index.js';
import { adaptiveCard, choiceAction, facts, text, type CardElement } from './adaptiveCard.js';

export interface SummaryField {
  label: string;
  value: string;
}

/** The request as it will be filed, with buttons to submit or change a part. */
export function requestSummaryCard(fields: SummaryField[], edits: { title: string; choice: string }[], submissionId: string, language: Language = DEFAULT_LANGUAGE): Attachment {
  return adaptiveCard(
    [text(translate(language, 'summaryCard.title'), { weight: 'Bolder', size: 'Medium' }), facts(fields.map((f) => [f.label, f.value]))],
    [
      choiceAction(translate(language, 'review.submit'), 'submit', { submissionId }),
      ...edits.map((e) => choiceAction(e.title, e.choice)),
    ],
  );
}

/** A filed request: number, severity, objective, hours and wait, as lines of facts. */
export function ticketCard(title: string, ticket: Ticket, lines: SummaryField[], footer: string[] = [], language: Language = DEFAULT_LANGUAGE, status = statusLabel(ticket.status, language)): Attachment {
  const body: CardElement[] = [
    text(title, { weight: 'Bolder', size: 'Medium', color: 'Good' }),
    facts([
      [translate(language, 'ticketCard.request'), ticket.number],
      [translate(language, 'ticketCard.status'), status.replace(/^./, (c) => c.toUpperCase())],
      [translate(language, 'ticketCard.severity'), translate(language, 'ticket.sev', { severity: ticket.severity })],
      ...lines.map((l): [string, string] => [l.label, l.value]),
    ]),
    ...footer.map((f) => text(f, { isSubtle: true, size: 'Small' })),
  ];
  return adaptiveCard(body);
}
