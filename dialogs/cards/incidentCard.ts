import type { Attachment } from 'botbuilder';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../src/i18n/index.js';
import type { Incident } from '../../src/serviceHealth/index.js';
import { adaptiveCard, fields, text } from './adaptiveCard.js';
import { formatMoment } from './dates.js';

/** Where the card is read: the conversation's language, the channel's locale and the admin's time zone. */
export interface ReadingContext {
  language: Language;
  locale?: string;
  timeZone?: string;
}

const ENGLISH: ReadingContext = { language: DEFAULT_LANGUAGE };

/** An incident as a card; `reason` says why it was matched to the admin's problem. */
export function incidentCard(incident: Incident, reason?: string, reader: ReadingContext = ENGLISH): Attachment {
  const { language } = reader;
  return adaptiveCard([
    text(translate(language, 'incident.heading', { classification: incident.classification, title: incident.title }), { weight: 'Bolder', color: 'Attention' }),
    fields([
      [translate(language, 'incident.id'), incident.id],
      [translate(language, 'incident.service'), incident.product],
      [translate(language, 'incident.since'), formatMoment(incident.startedAt, language, reader.locale, reader.timeZone)],
    ]),
    text(incident.summary),
    ...(incident.userImpact ? [text(translate(language, 'incident.impact', { impact: incident.userImpact }), { isSubtle: true })] : []),
    ...(reason ? [text(reason, { isSubtle: true, size: 'Small', spacing: 'Medium' })] : []),
  ]);
}

export function incidentText(incident: Incident, reason?: string, reader: ReadingContext = ENGLISH): string {
  const { language } = reader;
  return [
    translate(language, 'incident.textHeading', { classification: incident.classification, id: incident.id, title: incident.title }),
    incident.summary,
    ...(incident.userImpact ? [translate(language, 'incident.impact', { impact: incident.userImpact })] : []),
    ...(reason ? [reason] : []),
  ].join('\n');
}
