import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { IncidentInput, IncidentService } from './incidents.js';

/**
 * Demo incidents for local mode, so the "known issue" path can be seen without an agent creating
 * one. They say plainly that they are samples; they are never seeded into a PostgreSQL server. Their
 * words are catalog messages (serviceHealth.sample.<id>.*); an incident is stored in one language, like
 * one an agent publishes, so they are seeded in one (English unless the operator asks for another).
 */
const samples: ReadonlyArray<Omit<IncidentInput, 'title' | 'summary' | 'userImpact'> & { id: string }> = [
  { id: 'EX900101', product: 'Exchange Online', topics: ['exchange.mail-flow'], classification: 'incident' },
  { id: 'SP900102', product: 'SharePoint Online', topics: ['sharepoint.site-unavailable'], classification: 'advisory' },
];

function inWords(sample: (typeof samples)[number], language: Language): IncidentInput {
  const say = (part: 'title' | 'summary' | 'userImpact') => translate(language, `serviceHealth.sample.${sample.id}.${part}` as MessageKey);
  return { ...sample, title: say('title'), summary: say('summary'), userImpact: say('userImpact') };
}

export async function seedSampleIncidents(incidents: IncidentService, language: Language = 'en'): Promise<number> {
  if ((await incidents.list()).length > 0) return 0;
  for (const sample of samples) await incidents.create(inWords(sample, language));
  return samples.length;
}
