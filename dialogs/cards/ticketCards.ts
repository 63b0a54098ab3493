import type { Attachment } from 'botbuilder';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../src/i18n/index.js';
import { pinVerificationApplies, pinVerificationExplanation } from '../../src/support/index.js';
import { statusLabel, type Ticket, type TicketConfirmation } from '../../src/tickets/index.js';
import { adaptiveCard, choiceAction, fields, text, toggleSection, type CardElement } from './adaptiveCard.js';

export interface SummaryField {
  label: string;
  value: string;
}

const pairs = (list: SummaryField[]): [string, string][] => list.map((f) => [f.label, f.value]);

/** The request as it will be filed, with buttons to submit or change a part. */
export function requestSummaryCard(summary: SummaryField[], edits: { title: string; choice: string }[], submissionId: string, language: Language = DEFAULT_LANGUAGE): Attachment {
  return adaptiveCard(
    [text(translate(language, 'summaryCard.title'), { weight: 'Bolder', size: 'Medium' }), fields(pairs(summary))],
    [
      choiceAction(translate(language, 'review.submit'), 'submit', { submissionId }),
      ...edits.map((e) => choiceAction(e.title, e.choice)),
    ],
  );
}

export interface TicketCardContent {
  /** "Request SR-1000042 is open": the number is in it. */
  title: string;
  ticket: Ticket;
  /** The status in words; the ticket's own by default. */
  status?: string;
  /** Shown under status and severity: what matters first (the response objective, when a reply is due). */
  key: SummaryField[];
  /** One line under those: what the admin can do next. */
  next?: string;
  /** Behind "Show details". */
  details?: SummaryField[];
  /** Sentences at the end of the details. */
  notes?: string[];
}

/** Two short pairs side by side: each column is half the card, wide enough for "Status" or "Schweregrad". */
function sideBySide(a: SummaryField, b: SummaryField): CardElement {
  const column = (f: SummaryField) => ({ type: 'Column', width: 'stretch', items: [fields([[f.label, f.value]])] });
  return { type: 'ColumnSet', columns: [column(a), column(b)] };
}

/**
 * A request as a compact card: title, status and severity, the key facts and what to do next; the rest
 * behind "Show details", so the card is short at 400 px and in Teams' narrow layout.
 */
export function ticketCard(content: TicketCardContent, language: Language = DEFAULT_LANGUAGE): Attachment {
  const { ticket, details = [], notes = [] } = content;
  const status = (content.status ?? statusLabel(ticket.status, language)).replace(/^./, (c) => c.toUpperCase());
  const hidden: CardElement[] = [
    ...(details.length ? [fields(pairs(details))] : []),
    ...notes.map((n) => text(n, { isSubtle: true, size: 'Small' })),
  ];
  const body: CardElement[] = [
    text(content.title, { weight: 'Bolder', size: 'Medium', color: 'Good' }),
    sideBySide(
      { label: translate(language, 'ticketCard.status'), value: status },
      { label: translate(language, 'ticketCard.severity'), value: translate(language, 'ticket.sev', { severity: ticket.severity }) },
    ),
    ...(content.key.length ? [fields(pairs(content.key))] : []),
    ...(content.next ? [text(content.next, { size: 'Small', spacing: 'Medium' })] : []),
    ...(hidden.length ? toggleSection('details', { show: translate(language, 'cards.details.show'), hide: translate(language, 'cards.details.hide') }, hidden) : []),
  ];
  return adaptiveCard(body);
}

/**
 * The card an admin gets after filing: the response objective up front, "what to ask next" as the one
 * line to act on, and support hours, the wait, the number to call and the notes behind "Show details".
 * The long PIN paragraph becomes one sentence there. Relies on the order `ticketConfirmation` documents:
 * facts start with the objective; notes end with what to ask next.
 */
export function confirmationCard(confirmation: Pick<TicketConfirmation, 'title' | 'facts' | 'notes'>, ticket: Ticket, language: Language = DEFAULT_LANGUAGE): Attachment {
  const [objective, ...rest] = confirmation.facts;
  const longPin = pinVerificationApplies(ticket.cloud) ? pinVerificationExplanation(language) : undefined;
  const notes = confirmation.notes.slice(0, -1).map((n) => (n === longPin ? translate(language, 'cards.ticket.pin') : n));
  return ticketCard({ title: confirmation.title, ticket, key: objective ? [objective] : [], next: confirmation.notes.at(-1), details: rest, notes }, language);
}
