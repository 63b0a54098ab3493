import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTokenSigner, loadSigningKey } from '../../src/channels/directline/tokens.js';
import { createConversationServices } from '../../src/conversationServices.js';
import { loadConfig } from '../../src/config.js';
import { createIdentityContacts } from '../../src/identity/index.js';
import type { Db } from '../../src/storage/db.js';
import { describeEachDatabase, openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { sampleTicket } from '../tickets/fixtures/sampleTicket.js';
import { botMessages, call, pollUntil, sendText } from '../directline/directLineClient.js';
import { HOST_SECRET, signIdentity, userOf } from './identitySigning.js';

interface Issued {
  conversationId: string;
  token: string;
  resumed: boolean;
  identified: boolean;
  visitor?: string;
}

describeEachDatabase('the widget token route with identities', (backend) => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb(backend);
    app = await startTestApp(db, { WIDGET_IDENTITY_SECRET: HOST_SECRET });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const tokenFor = async (body?: Record<string, unknown>) => {
    const res = await call(`${app.url}/api/directline/token`, { method: 'POST', body });
    return { status: res.status, json: res.json as Issued & { error?: { message: string } } };
  };
  /** Starts the conversation as Web Chat does, so it is kept (a token alone creates nothing). */
  const startIt = async (issued: Issued) => {
    const res = await call(`${app.url}/v3/directline/conversations`, { method: 'POST', token: issued.token });
    expect([200, 201]).toContain(res.status);
  };

  it('gives a visitor a credential that brings back the same user and their latest conversation', async () => {
    const first = (await tokenFor()).json;
    expect(first.visitor).toMatch(/^v1\./);
    await startIt(first);
    const newTab = (await tokenFor({ visitor: first.visitor })).json;
    expect(userOf(newTab.token)).toBe(userOf(first.token));
    expect(newTab).toMatchObject({ conversationId: first.conversationId, resumed: true, identified: false });
    const fresh = (await tokenFor({ visitor: first.visitor, newConversation: true })).json;
    expect(fresh.conversationId).not.toBe(first.conversationId);
    expect(userOf(fresh.token)).toBe(userOf(first.token));
  });

  it('treats a tampered visitor credential as a new visitor, never as the claimed one', async () => {
    const first = (await tokenFor()).json;
    await startIt(first);
    const tampered = first.visitor!.slice(0, -2) + (first.visitor!.endsWith('AA') ? 'BB' : 'AA');
    const answer = (await tokenFor({ visitor: tampered, conversationId: first.conversationId })).json;
    expect(userOf(answer.token)).not.toBe(userOf(first.token));
    expect(answer.conversationId).not.toBe(first.conversationId);
    expect(answer.visitor).not.toBe(tampered);
  });

  it('never hands out another user’s conversation', async () => {
    const alice = (await tokenFor()).json;
    await startIt(alice);
    const mallory = (await tokenFor()).json;
    const attempt = (await tokenFor({ visitor: mallory.visitor, conversationId: alice.conversationId })).json;
    expect(attempt.conversationId).not.toBe(alice.conversationId);
    expect(userOf(attempt.token)).toBe(userOf(mallory.token));
    const read = await call(`${app.url}/v3/directline/conversations/${alice.conversationId}/activities`, { token: attempt.token });
    expect(read.status).toBe(403);
  });

  it('continues a conversation whose token expired, for its own user', async () => {
    const first = (await tokenFor()).json;
    await startIt(first);
    // The widget's saved token, long expired: Direct Line refuses it.
    const signer = createTokenSigner(await loadSigningKey(db));
    const old = await signer.issue(first.conversationId, userOf(first.token), 'conversation', new Date(Date.now() - 2 * 60 * 60 * 1000));
    expect((await call(`${app.url}/v3/directline/tokens/refresh`, { method: 'POST', token: old.token })).status).toBe(403);
    // Its identity still holds: the same conversation, with its log.
    const again = (await tokenFor({ visitor: first.visitor, conversationId: first.conversationId, newConversation: true })).json;
    expect(again).toMatchObject({ conversationId: first.conversationId, resumed: true });
    const read = await call(`${app.url}/v3/directline/conversations/${first.conversationId}/activities`, { token: again.token });
    expect(read.status).toBe(200);
  });

  it('binds a host identity to one stable user id on every device, and remembers the name and email it vouched for', async () => {
    const laptop = await tokenFor({ identityToken: await signIdentity({ sub: 'contoso|kim', name: 'Kim Akers', email: 'kim@contoso.example' }) });
    expect(laptop.status).toBe(200);
    expect(laptop.json).toMatchObject({ identified: true });
    expect(laptop.json.visitor).toBeUndefined();
    await startIt(laptop.json);
    const phone = (await tokenFor({ identityToken: await signIdentity({ sub: 'contoso|kim' }) })).json;
    expect(userOf(phone.token)).toBe(userOf(laptop.json.token));
    expect(phone).toMatchObject({ conversationId: laptop.json.conversationId, resumed: true });
    expect(userOf(phone.token)).not.toContain('kim');
    // The second token carried no name or email: what the host vouches for now is what is kept.
    expect(await createIdentityContacts(db).lookup(userOf(phone.token))).toEqual({});
    await tokenFor({ identityToken: await signIdentity({ sub: 'contoso|kim', name: 'Kim Akers', email: 'kim@contoso.example' }) });
    expect(await createIdentityContacts(db).lookup(userOf(phone.token))).toEqual({ name: 'Kim Akers', email: 'kim@contoso.example' });
  });

  it('refuses a replayed identity token, a forged one, and a body it cannot read', async () => {
    const token = await signIdentity({ sub: 'contoso|lee' });
    expect((await tokenFor({ identityToken: token })).status).toBe(200);
    const replay = await tokenFor({ identityToken: token });
    expect(replay.status).toBe(401);
    expect(replay.json.error!.message).toMatch(/used before/);
    const forged = await tokenFor({ identityToken: await signIdentity({ sub: 'contoso|lee' }, { secret: 'not-the-shared-secret-0123456789-abcdef' }) });
    expect(forged.status).toBe(401);
    expect((await tokenFor({ identityToken: await signIdentity({}, { lifetimeSeconds: 3600 }) })).status).toBe(401);
    expect((await tokenFor({ visitor: 42 })).status).toBe(400);
    const notJson = await call(`${app.url}/api/directline/token`, { method: 'POST', body: '{"visitor":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).not.toMatch(/at |Error/);
  });

  it('lets a new tab of the same visitor list the tickets filed in the first one', async () => {
    const first = (await tokenFor()).json;
    const services = createConversationServices(db, loadConfig({ LOG_LEVEL: 'silent' }));
    const { ticket } = await services.tickets.createTicket(sampleTicket({ requester: { id: `directline:${userOf(first.token)}`, name: 'Alex', email: 'alex@contoso.example', phone: null }, contactMethod: 'web_chat', channelId: 'directline' }), { dedupeKey: `tab-${first.conversationId}` });
    const newTab = (await tokenFor({ visitor: first.visitor, newConversation: true })).json;
    const c = { conversationId: newTab.conversationId, token: newTab.token, streamUrl: '', expires_in: 0 };
    await startIt(newTab);
    await sendText(app.url, c, 'my requests');
    const log = await pollUntil(app.url, c, (all) => botMessages(all).some((m) => (m.text ?? '').includes(ticket.number)));
    expect(botMessages(log).map((m) => m.text).join('\n')).toContain(ticket.number);
  });
});

describe('identity tokens on a server without WIDGET_IDENTITY_SECRET', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('are refused with a plain 400, while anonymous chat works', async () => {
    const res = await call(`${app.url}/api/directline/token`, { method: 'POST', body: { identityToken: await signIdentity() } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/WIDGET_IDENTITY_SECRET/);
    expect((await call(`${app.url}/api/directline/token`, { method: 'POST' })).status).toBe(200);
  });
});
