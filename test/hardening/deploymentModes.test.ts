import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { callerPolicy } from '../../src/channels/callerPolicy.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { botMessages, pollUntil, sendText, startConversation, widgetToken } from '../directline/directLineClient.js';

/**
 * Who may talk to the server in each deployment mode. Local mode (no MicrosoftAppId) has no channel
 * authentication, so /api/messages answers this machine only, never lets a caller claim a widget
 * user's `dl_` id and never replies to a host it does not know; with an app id the embedded web chat
 * still works, because the server vouches for its own users.
 */

/** An address of this machine that is not loopback: requests to it arrive from a non-loopback address. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
if (!outsideAddress) console.warn('[deploymentModes] no non-loopback IPv4 interface: the tests of callers from another machine are skipped');
const itFromOutside = outsideAddress ? it : it.skip;

/** Stands in for an internal service an attacker would like the server to call (SSRF). */
async function startTarget(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://${outsideAddress ?? '127.0.0.1'}:${port}/`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('local mode (no MicrosoftAppId)', () => {
  let db: Db;
  let app: App;
  let outsideUrl: string;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db, { HOST: '0.0.0.0', SEED_SAMPLE_INCIDENTS: 'true' });
    outsideUrl = app.url.replace('127.0.0.1', outsideAddress ?? '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('answers the Emulator on this machine', async () => {
    const res = await postActivity(app.url, messageActivity('local-1', 'hi'));
    expect(res.status).toBe(200);
    expect(res.replies.length).toBeGreaterThan(0);
  });

  itFromOutside('refuses /api/messages from another machine (403), with the setting to name', async () => {
    const res = await postActivity(outsideUrl, messageActivity('remote-1', 'hi'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/LOCAL_MODE_ALLOW_REMOTE/);
  });

  it('never lets a request body claim a web chat user\'s dl_ id', async () => {
    const widgetUser = 'dl_someone-elses-id';
    const res = await postActivity(app.url, messageActivity('spoof-1', 'status of my requests', { channelId: 'directline', from: { id: widgetUser, name: 'Mallory' } }));
    expect(res.status).toBe(403);
    expect(res.replies).toEqual([]);
  });

  it('never calls a serviceUrl on a host it does not know (no request forgery)', async () => {
    const target = await startTarget();
    try {
      const activity = messageActivity('ssrf-1', 'hi', { serviceUrl: target.url, deliveryMode: undefined });
      const res = await postActivity(app.url, activity);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/serviceUrl/);
      await new Promise((r) => setTimeout(r, 300));
      expect(target.hits).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('seeds the sample incidents', async () => {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  itFromOutside('answers /metrics on this machine only when no METRICS_TOKEN is set', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
    const outside = await fetch(`${outsideUrl}/metrics`);
    expect(outside.status).toBe(403);
    expect(await outside.text()).not.toMatch(/support_/);
  });
});

describe('the caller policy', () => {
  const base = { localMode: true, LOCAL_MODE_ALLOW_REMOTE: false, SERVICE_URL_ALLOWED_HOSTS: [] as string[] };

  it.each([
    ['a remote caller in local mode', base, { remoteAddress: '203.0.113.9' }, 403],
    ['a remote caller once LOCAL_MODE_ALLOW_REMOTE is on', { ...base, LOCAL_MODE_ALLOW_REMOTE: true }, { remoteAddress: '203.0.113.9' }, undefined],
    ['IPv4-mapped loopback', base, { remoteAddress: '::ffff:127.0.0.1' }, undefined],
    ['a dl_ id even from loopback', base, { remoteAddress: '127.0.0.1', fromId: 'dl_abc' }, 403],
    ['the Emulator\'s loopback serviceUrl', base, { remoteAddress: '127.0.0.1', serviceUrl: 'http://localhost:51234' }, undefined],
    ['a cloud metadata serviceUrl', base, { remoteAddress: '127.0.0.1', serviceUrl: 'http://169.254.169.254/latest/' }, 403],
    ['a host named in SERVICE_URL_ALLOWED_HOSTS', { ...base, SERVICE_URL_ALLOWED_HOSTS: ['*.example.net'] }, { remoteAddress: '127.0.0.1', serviceUrl: 'https://bot.example.net/x' }, undefined],
    ['a look-alike of an allowed host', { ...base, SERVICE_URL_ALLOWED_HOSTS: ['*.example.net'] }, { remoteAddress: '127.0.0.1', serviceUrl: 'https://badexample.net/x' }, 403],
    ['an authenticated channel (app id): its token vouches for the serviceUrl', { ...base, localMode: false }, { remoteAddress: '203.0.113.9', fromId: 'dl_x', serviceUrl: 'https://smba.trafficmanager.net/emea/' }, undefined],
    ['an authenticated channel outside a pinned host list', { ...base, localMode: false, SERVICE_URL_ALLOWED_HOSTS: ['smba.trafficmanager.net'] }, { serviceUrl: 'https://elsewhere.example/' }, 403],
  ])('%s', (_name, config, request, status) => {
    expect(callerPolicy(config).check(request)?.status).toBe(status);
  });
});

describe('with MicrosoftAppId set', () => {
  let db: Db;
  let app: App;
  let logged = '';
  beforeAll(async () => {
    db = await openTestDb('pglite');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: '/nonexistent',
      MicrosoftAppId: '00000000-0000-0000-0000-00000000a11d',
      MicrosoftAppPassword: 'never-used-offline',
      SEED_SAMPLE_INCIDENTS: 'true',
      METRICS_TOKEN: 'a-long-metrics-token-for-tests',
    });
    const sink = new Writable({ write: (chunk, _enc, done) => ((logged += chunk), done()) });
    app = await startApp(config, createLogger('info', sink), { db });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('serves the web chat through the embedded endpoint: a conversation gets the bot\'s answers, no Azure needed', async () => {
    const token = await widgetToken(app.url);
    expect(token.mode).toBe('embedded');
    const c = await startConversation(app.url);
    await sendText(app.url, c, 'hello');
    const all = await pollUntil(app.url, c, (log) => botMessages(log).length >= 2);
    expect(botMessages(all)[0]!.text).toMatch(/support assistant/i);
  });

  it('does not seed sample incidents (they are for local mode)', async () => {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents');
    expect(rows[0]!.n).toBe(0);
  });

  it('answers an unauthenticated channel request 401 with one log line and nothing on stderr', async () => {
    const errors = vi.spyOn(console, 'error');
    logged = '';
    const res = await postActivity(app.url, messageActivity('unauth-1', 'hi'));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { status: 401, message: 'Unauthorized.' } });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    const lines = logged.trim().split('\n').filter((l) => /not authenticated/.test(l));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, status: 401 });
    expect(lines[0]).not.toMatch(/stack|\\n\s+at /);
  });

  it('asks for METRICS_TOKEN on /metrics', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    const ok = await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer a-long-metrics-token-for-tests' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/support_/);
  });
});
