import { translate, type Language } from '../i18n/index.js';
import {
  isSupportOpen,
  phoneAnswer,
  pinVerificationApplies,
  pinVerificationExplanation,
  responseTimeObjective,
  type SupportKind,
} from '../support/index.js';
import type { ExpectedWait } from './expectedWait.js';
import type { Ticket, TicketCategory } from './ticketTypes.js';

/**
 * What the requester is told once a request is filed: its number and severity, the response-time
 * objective of their plan for that severity, the support hours that apply now, the expected wait and
 * the number to call. Plain data in, plain data out: the conversation shows it as a card or as text.
 */

export interface TicketConfirmationInput {
  ticket: Pick<Ticket, 'number' | 'cloud' | 'planId' | 'category' | 'severity' | 'severityReason'>;
  /** False when the submission was a repeat and `ticket` is the request filed the first time. */
  created: boolean;
  /** ISO 3166 country of the requester, when known: it picks the support hours and the number to call. */
  country?: string;
  /** IANA time zone of the requester (from the channel), when known: local support hours are read in it. */
  timeZone?: string;
  /** The wait worked out from the queue (see `expectedWait`). */
  wait: Pick<ExpectedWait, 'text'>;
  now: Date;
  /** The admin's language (default English): every sentence of the confirmation is written in it. */
  language?: Language;
  /** The channel's locale (e.g. de-AT), for dates, times and numbers. */
  locale?: string;
}

export interface ConfirmationFact {
  label: string;
  value: string;
}

export interface TicketConfirmation {
  /** "Request SR-1000042 is open", or, for a repeated submission, which request it already is. */
  title: string;
  /** Response objective, support hours, expected wait and the number to call, in that order. */
  facts: ConfirmationFact[];
  /** Sentences under the facts: the objective's notes, the PIN check where it applies, what to ask next. */
  notes: string[];
  /** All of it as lines of text, severity and its reason included, for channels without cards. */
  text: string;
}

/** Which support desk's hours apply to a request of this category. */
function supportKindFor(category: TicketCategory): SupportKind {
  return category === 'billing' ? 'billing' : category === 'presales' ? 'presales' : 'technical';
}

export function ticketConfirmation(input: TicketConfirmationInput): TicketConfirmation {
  const { ticket, country, timeZone, now, locale } = input;
  const language = input.language ?? 'en';
  const say = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(language, key, values, locale);
  const objective = responseTimeObjective({
    cloud: ticket.cloud,
    planId: ticket.planId ?? undefined,
    severity: ticket.severity,
    category: ticket.category,
    language,
    locale,
  });
  const hours = isSupportOpen({ cloud: ticket.cloud, kind: supportKindFor(ticket.category), country, timeZone, severity: ticket.severity, at: now, language, locale });
  const facts: ConfirmationFact[] = [
    { label: say('ticket.confirmation.label.objective'), value: objective.text },
    { label: say('ticket.confirmation.label.hours'), value: hours.text },
    { label: say('ticket.confirmation.label.wait'), value: input.wait.text },
    { label: say('ticket.confirmation.label.phone'), value: phoneAnswer({ cloud: ticket.cloud, country, language }) },
  ];
  const notes = [
    ...objective.notes,
    ...(pinVerificationApplies(ticket.cloud) ? [pinVerificationExplanation(language)] : []),
    say('ticket.confirmation.askNext', { number: ticket.number }),
  ];
  const title = input.created ? say('ticket.confirmation.title.created', { number: ticket.number }) : say('ticket.confirmation.title.repeated', { number: ticket.number });
  const text = [
    say('ticket.confirmation.titleLine', { title }),
    say('ticket.confirmation.severityLine', { severity: ticket.severity, reason: ticket.severityReason }),
    ...facts.map((f) => say('ticket.confirmation.factLine', { label: f.label, value: f.value })),
    ...notes,
  ].join('\n');
  return { title, facts, notes, text };
}
