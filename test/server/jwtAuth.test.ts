import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';

/**
 * A channel token issuer on loopback: OpenID metadata and a JWKS with our own key, so real signed tokens
 * exercise the bot's inbound authentication with no internet.
 */
const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

let issuer: Server;
let issuerUrl: string;
let signingKey: CryptoKey;
let foreignKey: CryptoKey;
let db: Db;
let app: App;

async function token(claims: Record<string, unknown> = {}, opts: { key?: CryptoKey; expiresAt?: number; kid?: string } = {}) {
  const payload = { serviceurl: SERVICE_URL, ...claims };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'test-key' })
    .setIssuer((claims.iss as string) ?? ISSUER)
    .setAudience((claims.aud as string) ?? APP_ID)
    .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
    .setExpirationTime(opts.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
    .sign(opts.key ?? signingKey);
}

function unsignedToken(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT', kid: 'test-key' })}.${b64({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, exp: now + 600, nbf: now - 60 })}.`;
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  foreignKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
  issuer = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${issuerUrl}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...jwk, endorsements: ['msteams'] }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => issuer.listen(0, '127.0.0.1', r));
  issuerUrl = `http://127.0.0.1:${(issuer.address() as { port: number }).port}`;
  db = await openTestDb('pglite');
  app = await startTestApp(db, {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'test-secret-not-used',
    BotOpenIdMetadata: `${issuerUrl}/.well-known/openidconfiguration`,
  });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await new Promise((r) => issuer.close(r));
});

const teamsMessage = (conversationId: string, text: string) =>
  messageActivity(conversationId, text, { channelId: 'msteams', serviceUrl: SERVICE_URL });

const stateRows = async (conversationId: string) =>
  (await db.query('SELECT key FROM bot_state WHERE key LIKE $1', [`%${conversationId}%`])).rows.length;

describe('inbound channel tokens', () => {
  it('accepts a valid token signed by the channel issuer and runs the turn', async () => {
    const { status, replies } = await postActivity(app.url, teamsMessage('jwt-ok', 'hello'), { authorization: `Bearer ${await token()}` });
    expect(status).toBe(200);
    expect(replies[0]?.text).toMatch(/support assistant/i);
    expect(await stateRows('jwt-ok')).toBeGreaterThan(0);
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['no token', async () => undefined],
    // An hour past expiry: well beyond the validator's five-minute clock tolerance.
    ['an expired token', () => token({}, { expiresAt: Math.floor(Date.now() / 1000) - 3600 })],
    ['the wrong audience', () => token({ aud: 'someone-else' })],
    ['the wrong issuer', () => token({ iss: 'https://evil.example.com' })],
    ['a serviceUrl claim for another endpoint', () => token({ serviceurl: 'https://attacker.example.com/' })],
    ['alg: none', async () => unsignedToken()],
    ['a foreign signature', () => token({}, { key: foreignKey })],
    ['an unknown key id', () => token({}, { kid: 'other-key' })],
  ])('rejects %s with 401 and writes nothing', async (name, make) => {
    const conversationId = `jwt-bad-${name.replace(/\W+/g, '-')}`;
    const bearer = await make();
    const { status, body } = await postActivity(app.url, teamsMessage(conversationId, 'hello'), bearer ? { authorization: `Bearer ${bearer}` } : {});
    expect(status).toBe(401);
    expect(body).toEqual({ error: { status: 401, message: 'Unauthorized.' } });
    expect(await stateRows(conversationId)).toBe(0);
  });
});
