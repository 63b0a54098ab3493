import type { IncidentInput, IncidentService } from './incidents.js';

/**
 * Demo incidents for local mode, so the "known issue" path can be seen without an agent creating
 * one. They say plainly that they are samples; they are never seeded into a PostgreSQL server.
 */
const samples: IncidentInput[] = [
  {
    id: 'EX900101',
    title: '[Sample] Delays sending mail to some external domains',
    product: 'Exchange Online',
    topics: ['exchange.mail-flow'],
    classification: 'incident',
    summary:
      'SAMPLE DATA for the local demo. Some outbound messages to external recipients are queued for up to an hour before delivery. Engineers are rerouting traffic; messages are delivered once the queue drains, no action is needed.',
    userImpact: 'Users may see delayed delivery or delay notifications (NDR 4.4.7) for mail to external addresses.',
  },
  {
    id: 'SP900102',
    title: '[Sample] Slow page loads on some SharePoint sites',
    product: 'SharePoint Online',
    topics: ['sharepoint.site-unavailable'],
    classification: 'advisory',
    summary:
      'SAMPLE DATA for the local demo. A subset of SharePoint Online sites may load slowly during peak hours while capacity is added.',
    userImpact: 'Pages may take longer than usual to open; files remain available.',
  },
];

export async function seedSampleIncidents(incidents: IncidentService): Promise<number> {
  if ((await incidents.list()).length > 0) return 0;
  for (const sample of samples) await incidents.create(sample);
  return samples.length;
}
