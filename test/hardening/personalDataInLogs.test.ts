import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { openTestDb } from '../helpers/databases.js';
import { admin, agentApi, fileTicket, onlineAgent } from '../handoff/helpers.js';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../helpers/fakeConnector.js';
import { sendText, startConversation as startWidgetConversation } from '../directline/directLineClient.js';

/**
 * Everything the server logs, at the most verbose level, while admins type their contact details and
 * agents act on their requests: no email address and no phone number may reach the log, however it
 * got into a log line (a field, an error message, a body an upstream service echoed back).
 */

const EMAIL = 'sam.jones@fabrikam.com';
const OTHER_EMAIL = 'kim.lee@contoso.com';
const PHONE = '+61 2 9999 0000';
const OTHER_PHONE = '+44 20 7946 0000';
/** Every form in which the values could appear: as typed, normalised (E.164), or digits only. */
const FORBIDDEN = [EMAIL, OTHER_EMAIL, PHONE, '+61299990000', '61299990000', '9999 0000', OTHER_PHONE, '+442079460000', '442079460000', '7946 0000'];

let logText = '';
const sink = new Writable({
  write(chunk, _encoding, done) {
    logText += chunk.toString();
    done();
  },
});
/** What was logged while `run` ran. */
async function logged(run: () => Promise<unknown>): Promise<string> {
  const start = logText.length;
  await run();
  await new Promise((r) => setTimeout(r, 100)); // transcript writes and relays settle after the turn
  return logText.slice(start);
}
const leaks = (text: string) => FORBIDDEN.filter((value) => text.includes(value));

let db: Db;
let app: App;
let connector: FakeConnector;
beforeAll(async () => {
  db = await openTestDb('pglite');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'trace', DATA_DIR: '/nonexistent', SEED_SAMPLE_INCIDENTS: 'false' });
  app = await startApp(config, createLogger('trace', sink), { db });
  connector = await startFakeConnector();
});
afterAll(async () => {
  await app.close();
  await connector.close();
  await db.close();
});

describe('personal data in the logs', () => {
  it('stays out while an admin types name, email and phone and files a request', async () => {
    const text = await logged(async () => {
      const a = admin(app.url, 'pii-flow', connector.serviceUrl);
      for (const line of ['hello', 'yes', 'none of our users can join teams meetings or make calls', 'no', 'yes', 'business premium', 'Sam Jones', EMAIL, PHONE, 'email']) {
        await a.send(line);
      }
      const { number } = await fileTicket(admin(app.url, 'pii-flow-2', connector.serviceUrl));
      await a.say('submit');
      await a.say(`add info to ${number}: also reach me at ${OTHER_EMAIL} or ${OTHER_PHONE}`);
    });
    expect(leaks(text)).toEqual([]);
  });

  it('stays out while an agent claims the request, writes to the admin and resolves it', async () => {
    const a = admin(app.url, 'pii-agent', connector.serviceUrl);
    const { number } = await fileTicket(a);
    const { token } = await onlineAgent(db, 'Jamie Rivera');
    const api = agentApi(app.url, token);
    const text = await logged(async () => {
      expect((await api.post(`/api/tickets/${number}/claim`)).status).toBe(200);
      expect((await api.post(`/api/tickets/${number}/messages`, { text: `I'll call you on ${PHONE}; is ${EMAIL} still right?` })).status).toBe(201);
      await a.say(`yes, or ${OTHER_PHONE}`);
      await api.get(`/api/tickets/${number}`);
      expect((await api.post(`/api/tickets/${number}/status`, { status: 'resolved', note: `Called ${OTHER_PHONE}, confirmed with ${OTHER_EMAIL}` })).status).toBe(200);
    });
    expect(leaks(text)).toEqual([]);
  });

  it('stays out when sending fails and the channel repeats the message in its error', async () => {
    const a = admin(app.url, 'pii-failing', connector.serviceUrl);
    for (const line of ['hello', 'yes', 'our sharepoint site is down for everyone', 'no', 'yes', 'e3', 'Sam Jones', EMAIL, PHONE]) await a.send(line);
    // A channel connector that refuses every send (400) and repeats the request body in its error.
    const failing = await startFakeConnector({
      fallback: { status: 400, body: (call: ConnectorCall) => ({ error: { code: 'BadArgument', message: `could not deliver ${JSON.stringify(call.body)}` } }) },
    });
    try {
      // The answer that brings up the summary, with the email and phone in it, on a channel whose connector fails.
      const text = await logged(() => postActivity(app.url, messageActivity('pii-failing', 'email', { channelId: 'sms', deliveryMode: undefined, serviceUrl: failing.serviceUrl })));
      expect(text).toMatch(/turn failed/);
      expect(text).toContain('BadArgument'); // the error itself is logged, minus the personal data
      expect(text).toContain('Email: [email]');
      expect(leaks(text)).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it('stays out of the widget’s conversations', async () => {
    const text = await logged(async () => {
      const c = await startWidgetConversation(app.url);
      await sendText(app.url, c, `contact ${EMAIL} / ${PHONE}`);
    });
    expect(leaks(text)).toEqual([]);
  });

  it.each([
    ['a field named for it', { email: EMAIL, phone: PHONE }],
    ['a nested record', { ticket: { requester: { email: EMAIL, phone: PHONE } } }],
    ['free text in any field', { reason: `bounced for ${EMAIL}`, detail: [`call ${PHONE}`] }],
    ['an error message', { err: Object.assign(new Error(`no mailbox for ${EMAIL}`), { body: `phone ${PHONE}` }) }],
  ])('is removed from %s and from the message', (_case, fields) => {
    let out = '';
    const log = createLogger('info', new Writable({ write: (c, _e, done) => ((out += c.toString()), done()) }));
    log.warn(fields, `while helping ${OTHER_EMAIL} on ${OTHER_PHONE}`);
    expect(out).toMatch(/"level":40/);
    expect(leaks(out)).toEqual([]);
  });
});
