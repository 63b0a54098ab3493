// An admin who proves a request is theirs from another browser asks for a one-time code; until codes
// are emailed (issue 19), the agent reads it out, so the agent API and console show the live ones.
import { describe, expect, it } from 'vitest';
import { createIdentityService } from '../../src/identity/index.js';
import { useTestApp } from '../helpers/testApp.js';
import { agentApi, directTicket, onlineAgent } from '../handoff/helpers.js';

describe('ownership codes in the agent API', () => {
  const ctx = useTestApp();

  it('shows a live code on the ticket, and none once it was used', async () => {
    const api = agentApi(ctx.app.url, (await onlineAgent(ctx.db, 'Jamie Rivera')).token);
    const ticket = await directTicket(ctx.db, { severity: 'B', dueInMinutes: 240 });
    expect((await api.call('GET', `/api/tickets/${ticket.number}`)).body.ticket.ownershipCodes).toEqual([]);

    const identity = createIdentityService(ctx.db);
    const asked = await identity.ownership.request(ticket.number, 'dl_other-browser');
    expect(asked.kind).toBe('issued');
    const shown = (await api.call('GET', `/api/tickets/${ticket.number}`)).body.ticket.ownershipCodes as Array<{ code: string; expiresAt: string }>;
    expect(shown).toHaveLength(1);
    expect(shown[0]!.code).toMatch(/^\d{6}$/);
    expect(Date.parse(shown[0]!.expiresAt)).toBeGreaterThan(Date.now());

    expect((await identity.ownership.check(ticket.number, 'dl_other-browser', shown[0]!.code)).kind).toBe('linked');
    expect((await api.call('GET', `/api/tickets/${ticket.number}`)).body.ticket.ownershipCodes).toEqual([]);
  });
});
