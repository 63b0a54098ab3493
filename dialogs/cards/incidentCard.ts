import type { Attachment } from 'botbuilder';
import type { Incident } from '../../src/serviceHealth/index.js';
import { adaptiveCard, facts, text } from './adaptiveCard.js';

/** An incident as a card; `reason` says why it was matched to the admin's problem. */
export function incidentCard(incident: Incident, reason?: string): Attachment {
  return adaptiveCard([
    text(`Known ${incident.classification}: ${incident.title}`, { weight: 'Bolder', color: 'Attention' }),
    facts([
      ['ID', incident.id],
      ['Service', incident.product],
      ['Since', incident.startedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
    ]),
    text(incident.summary),
    ...(incident.userImpact ? [text(`Impact: ${incident.userImpact}`, { isSubtle: true })] : []),
    ...(reason ? [text(reason, { isSubtle: true, size: 'Small', spacing: 'Medium' })] : []),
  ]);
}

export function incidentText(incident: Incident, reason?: string): string {
  return `Known ${incident.classification} ${incident.id}: ${incident.title}\n${incident.summary}${incident.userImpact ? `\nImpact: ${incident.userImpact}` : ''}${reason ? `\n${reason}` : ''}`;
}
