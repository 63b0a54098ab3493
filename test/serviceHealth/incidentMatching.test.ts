import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIncidentService, seedSampleIncidents, type IncidentInput, type IncidentService } from '../../src/serviceHealth/index.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';

// Item 7 of issue #15: an incident is shown only when it concerns the admin's problem: the same topic,
// or the same product and enough of the same words. The product alone is not enough.

let db: Db;
let incidents: IncidentService;
beforeAll(async () => {
  db = await openTestDb('pglite');
  incidents = createIncidentService(db);
});
afterAll(() => db?.close());
beforeEach(async () => {
  await resetDatabase(db, ['incidents']);
});

/** Hand-made incidents besides the two samples (EX900101 mail delays, SP900102 slow SharePoint pages). */
const handMade: IncidentInput[] = [
  {
    id: 'EX900201',
    title: 'Outlook on the web sign-in loops for some users',
    product: 'Exchange Online',
    topics: [],
    summary: 'Some users are repeatedly asked for their password when they open Outlook on the web after multi-factor authentication.',
    userImpact: 'Users see repeated password prompts in Outlook on the web.',
  },
  {
    id: 'TM900202',
    title: 'Users cannot join Teams meetings',
    product: 'Skype for Business / Teams',
    topics: ['teams.meetings-calls'],
    summary: 'Some users get an error when they join a meeting from its link.',
  },
  {
    id: 'EX900203',
    title: 'Exchange admin center slow to load',
    product: 'Exchange Online',
    topics: ['exchange.admin-center'],
    summary: 'The Exchange admin center takes longer than usual to open.',
  },
];

interface Row {
  problem: string;
  topic: string | null;
  product: string | null;
  category?: string;
  /** Ids expected, best match first; [] = none. */
  expected: string[];
  /** Words the reason must quote, when a match is expected. */
  reason?: RegExp;
}

const table: [string, Row][] = [
  // The bug: Outlook password prompts after MFA got the Exchange "mail delays" incident.
  ['MFA prompts, classified as MFA', { problem: 'Outlook keeps asking for my password after we turned on MFA', topic: 'accounts.mfa', product: 'Microsoft 365', expected: [] }],
  ['MFA prompts, read as an Exchange (Autodiscover) problem', { problem: 'Outlook keeps asking for my password after we turned on MFA', topic: 'exchange.autodiscover', product: 'Exchange Online', expected: ['EX900201'], reason: /password/ }],
  ['mail delays to outside recipients', { problem: 'emails to external recipients are delayed by hours', topic: 'exchange.mail-flow', product: 'Exchange Online', expected: ['EX900101'], reason: /Exchange Online \(mail flow\)/ }],
  ['mail delays, topic unknown but product known', { problem: 'emails to external recipients are delayed by hours', topic: null, product: 'Exchange Online', expected: ['EX900101'], reason: /external.*recipients|recipients.*external|delayed/ }],
  ['an Exchange problem with no words in common', { problem: 'I cannot give a user full access to the shared mailbox', topic: 'exchange.mailbox-permissions', product: 'Exchange Online', expected: [] }],
  ['an Exchange problem sharing one word only', { problem: 'a user cannot see external contacts in the address book', topic: 'exchange.contacts', product: 'Exchange Online', expected: [] }],
  ['slow SharePoint sites', { problem: 'our sharepoint site pages are really slow to load', topic: 'sharepoint.site-unavailable', product: 'SharePoint Online', expected: ['SP900102'], reason: /SharePoint Online/ }],
  ['SharePoint permissions', { problem: 'how do I give a group edit permissions on a site', topic: 'sharepoint.permissions', product: 'SharePoint Online', expected: [] }],
  ['Teams meetings, same topic', { problem: 'nobody can join teams meetings', topic: 'teams.meetings-calls', product: 'Skype for Business / Teams', expected: ['TM900202'], reason: /same kind of problem|meetings/ }],
  ['a billing question', { problem: 'we were charged twice for exchange online', topic: 'billing.understand-bill', product: 'Billing', category: 'billing', expected: [] }],
  ['asking about known issues with Exchange mail', { problem: 'is there an outage with exchange mail delivery right now?', topic: 'support.service-health', product: 'Support', category: 'support', expected: ['EX900101'], reason: /Exchange/ }],
];

const idsOf = (found: unknown[]): string[] => found.map((m) => (m as { incident?: { id: string }; id?: string }).incident?.id ?? (m as { id: string }).id);

describe('which active incidents concern the admin\'s problem', () => {
  it.each(table)('%s', async (_name, row) => {
    await seedSampleIncidents(incidents);
    for (const incident of handMade) await incidents.create(incident);
    const found = await incidents.activeFor({ problem: row.problem, topic: row.topic, product: row.product, category: row.category ?? 'technical' });
    expect(idsOf(found).slice(0, row.expected.length)).toEqual(row.expected);
    if (row.expected.length === 0) expect(found).toEqual([]);
    if (row.reason) {
      const reason = (found[0] as { reason?: string }).reason ?? '';
      expect(reason).toMatch(/^Matched because: /);
      expect(reason).toMatch(row.reason);
    }
  });

  it('does not show the mail-delay incident for Outlook password prompts after MFA, even filed under Exchange', async () => {
    await seedSampleIncidents(incidents);
    for (const [topic, product] of [['accounts.mfa', 'Microsoft 365'], ['exchange.autodiscover', 'Exchange Online'], [null, 'Exchange Online']] as const) {
      const found = await incidents.activeFor({ problem: 'Outlook keeps asking for my password after we turned on MFA', topic, product });
      expect(idsOf(found)).not.toContain('EX900101');
    }
  });

  it('shows the mail-delay incident for delayed external mail, with the reason in words', async () => {
    await seedSampleIncidents(incidents);
    const found = await incidents.activeFor({ problem: 'emails to external recipients are delayed by hours', topic: 'exchange.mail-flow', product: 'Exchange Online' });
    expect(idsOf(found)).toEqual(['EX900101']);
    const reason = (found[0] as { reason?: string }).reason;
    expect(reason).toMatch(/^Matched because: it's about Exchange Online \(mail flow\), the same kind of problem as yours, and your message mentions '[^']+'/);
    expect(reason).toMatch(/external|recipients|delayed/);
  });

  it('needs more than the product: the same product with one shared word is not a match', async () => {
    await incidents.create({ id: 'EX900301', title: 'Mail delays', product: 'Exchange Online', summary: 'Outbound mail is queued.' });
    expect(await incidents.activeFor({ problem: 'my mailbox is full', topic: null, product: 'Exchange Online' })).toEqual([]);
    expect(idsOf(await incidents.activeFor({ problem: 'outbound mail is queued for hours', topic: null, product: 'Exchange Online' }))).toEqual(['EX900301']);
  });

  it('leaves out resolved incidents', async () => {
    await seedSampleIncidents(incidents);
    await incidents.resolve('EX900101');
    expect(await incidents.activeFor({ problem: 'emails to external recipients are delayed by hours', topic: 'exchange.mail-flow', product: 'Exchange Online' })).toEqual([]);
  });
});
