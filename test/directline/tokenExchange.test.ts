import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { exchangeSecretForToken, TokenExchangeError } from '../../src/channels/directline/azureTokenExchange.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { call } from './directLineClient.js';

const SECRET = 'dl-secret-that-must-stay-on-the-server';

/** A stand-in for the Azure Direct Line token API on loopback; `answer` decides each response. */
interface FakeAzure {
  url: string;
  requests: { path: string; authorization?: string; body: string }[];
  answer: (req: IncomingMessage) => { status: number; body: unknown };
  close(): Promise<void>;
}

async function startFakeAzure(): Promise<FakeAzure> {
  const fake = {
    requests: [] as FakeAzure['requests'],
    answer: (): { status: number; body: unknown } => ({
      status: 200,
      body: { conversationId: 'azure-conv-1', token: 'azure-short-lived-token', expires_in: 3600 },
    }),
  } as unknown as FakeAzure;
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    fake.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    const { status, body: answer } = fake.answer(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

let fake: FakeAzure;
const defaultAnswer = () => ({ status: 200, body: { conversationId: 'azure-conv-1', token: 'azure-short-lived-token', expires_in: 3600 } });

beforeAll(async () => {
  fake = await startFakeAzure();
});
afterAll(async () => {
  await fake?.close();
});
afterEach(() => {
  fake.answer = defaultAnswer;
  fake.requests.length = 0;
});

describe('exchanging the Direct Line secret for a token', () => {
  it('posts to tokens/generate with the secret as bearer and a server-assigned dl_ user id', async () => {
    const token = await exchangeSecretForToken({ endpoint: fake.url, secret: SECRET, userId: 'dl_abc' });
    expect(token).toEqual({ conversationId: 'azure-conv-1', token: 'azure-short-lived-token', expires_in: 3600 });
    expect(fake.requests).toEqual([{ path: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}`, body: JSON.stringify({ user: { id: 'dl_abc' } }) }]);
  });

  it.each([
    ['a refusal', () => ({ status: 403, body: { error: { code: 'BadArgument', message: 'secret not valid' } } })],
    ['a server error', () => ({ status: 500, body: 'oops' })],
    ['an unexpected body', () => ({ status: 200, body: { hello: 'world' } })],
  ])('fails with a TokenExchangeError on %s', async (_name, answer) => {
    fake.answer = answer;
    await expect(exchangeSecretForToken({ endpoint: fake.url, secret: SECRET, userId: 'dl_abc' })).rejects.toBeInstanceOf(TokenExchangeError);
  });

  it('fails with a TokenExchangeError when the service is not reachable', async () => {
    await expect(exchangeSecretForToken({ endpoint: 'http://127.0.0.1:9', secret: SECRET, userId: 'dl_abc' })).rejects.toBeInstanceOf(TokenExchangeError);
  });
});

describe('the widget token route in production mode', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db, {
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      DIRECT_LINE_SECRET: SECRET,
      DIRECT_LINE_ENDPOINT: fake.url,
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('hands out the Azure token and domain, never the secret', async () => {
    const res = await call(`${app.url}/api/directline/token`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      conversationId: 'azure-conv-1',
      token: 'azure-short-lived-token',
      expires_in: 3600,
      domain: `${fake.url}/v3/directline`,
      mode: 'azure',
      // An anonymous visitor also gets the credential that keeps their user id in a new tab (docs/identity.md).
      identified: false,
      resumed: false,
      visitor: expect.stringMatching(/^v1\./),
    });
    expect(res.text).not.toContain(SECRET);
    expect(JSON.parse(fake.requests[0]!.body).user.id).toMatch(/^dl_/);
  });

  it('gives every visitor a different user id', async () => {
    await call(`${app.url}/api/directline/token`, { method: 'POST' });
    await call(`${app.url}/api/directline/token`, { method: 'POST' });
    const [first, second] = fake.requests.map((r) => JSON.parse(r.body).user.id);
    expect(first).not.toBe(second);
  });

  it('answers 502 with a plain message when Azure refuses, without its details or the secret', async () => {
    fake.answer = () => ({ status: 401, body: { error: { message: `bad secret ${SECRET}` } } });
    const res = await call(`${app.url}/api/directline/token`, { method: 'POST' });
    expect(res.status).toBe(502);
    expect(res.json.error.message).toMatch(/Direct Line service/);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain('bad secret');
  });

  it('keeps the embedded endpoint off, since the widget goes through Azure', async () => {
    const res = await call(`${app.url}/v3/directline/tokens/generate`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(res.json.error.message).toMatch(/Azure Direct Line/);
  });

  it('lets the demo page connect to the Azure endpoint', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.headers.get('content-security-policy')).toContain('connect-src \'self\'');
    expect(res.headers.get('content-security-policy')).toContain(fake.url);
    expect(await res.text()).not.toContain(SECRET);
  });
});
