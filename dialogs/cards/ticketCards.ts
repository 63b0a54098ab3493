import type { Attachment } from 'botbuilder';
import { statusLabel, type Ticket } from '../../src/tickets/index.js';
import { adaptiveCard, choiceAction, facts, text, type CardElement } from './adaptiveCard.js';

export interface SummaryField {
  label: string;
  value: string;
}

/** The request as it will be filed, with buttons to submit or change a part. */
export function requestSummaryCard(fields: SummaryField[], edits: { title: string; choice: string }[], submissionId: string): Attachment {
  return adaptiveCard(
    [text('Please check your request', { weight: 'Bolder', size: 'Medium' }), facts(fields.map((f) => [f.label, f.value]))],
    [
      choiceAction('Submit request', 'submit', { submissionId }),
      ...edits.map((e) => choiceAction(e.title, e.choice)),
    ],
  );
}

/** A filed request: number, severity, objective, hours and wait, as lines of facts. */
export function ticketCard(title: string, ticket: Ticket, lines: SummaryField[], footer: string[] = []): Attachment {
  const body: CardElement[] = [
    text(title, { weight: 'Bolder', size: 'Medium', color: 'Good' }),
    facts([
      ['Request', ticket.number],
      ['Status', statusLabel(ticket.status).replace(/^./, (c) => c.toUpperCase())],
      ['Severity', `Sev ${ticket.severity}`],
      ...lines.map((l): [string, string] => [l.label, l.value]),
    ]),
    ...footer.map((f) => text(f, { isSubtle: true, size: 'Small' })),
  ];
  return adaptiveCard(body);
}
