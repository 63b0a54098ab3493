import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ContactDialog } from '../../dialogs/contactDialog.js';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger, scrubPersonalData } from '../../src/logger.js';
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
      for (const line of ['hello', 'none of our users can join teams meetings or make calls', 'no', 'yes', 'yes', 'business premium', 'Sam Jones', EMAIL, PHONE, 'email']) {
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
    for (const line of ['hello', 'our sharepoint site is down for everyone', 'no', 'yes', 'yes', 'e3', 'Sam Jones', EMAIL, PHONE]) await a.send(line);
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

describe('a turn that fails inside a dialog', () => {
  const NAME = 'Rosalind Okafor-Brandt';
  const NATIONAL_PHONE = '030 1234567';
  const DESCRIPTION = 'Payroll export from the Lindenhof branch stops at forty percent';
  const form = { action: 'contactForm', name: NAME, email: 'rosalind.okafor', phone: NATIONAL_PHONE, contactMethod: 'email', description: DESCRIPTION };

  it('logs the dialog ids but not the state with the admin’s name, phone and description', async () => {
    const conversationId = 'pii-dialog-failure';
    const say = (text: string, extra: Record<string, unknown> = {}) => postActivity(app.url, messageActivity(conversationId, text, { serviceUrl: connector.serviceUrl, ...extra }));
    for (const line of ['hello', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', "I don't know"]) await say(line);
    // An invalid email: the form is shown again, and the dialog state now holds what was submitted.
    await say('', { value: form });
    // The next submit fails inside the contact dialog (a stand-in for any bug or outage there).
    const failing = vi.spyOn(ContactDialog.prototype as unknown as { save: () => void }, 'save').mockImplementationOnce(() => {
      throw new Error('the profile could not be saved');
    });
    try {
      const text = await logged(() => say('', { value: { ...form, email: 'rosalind@contoso.com', phone: '' } }));
      const line = text.split('\n').find((l) => l.includes('turn failed'));
      expect(line).toBeDefined();
      expect(line).toContain('the profile could not be saved');
      // The dialogs involved are still named: that is what the log is for.
      expect(line).toContain('contactDialog');
      expect(line).toContain('contact.formFlow');
      for (const value of [NAME, 'Okafor', NATIONAL_PHONE, '1234567', DESCRIPTION, 'Lindenhof', 'rosalind']) expect(line).not.toContain(value);
    } finally {
      failing.mockRestore();
    }
  });
});

describe('errors as the err serializer writes them', () => {
  const NAME = 'Rosalind Okafor-Brandt';
  /** What botbuilder-dialogs attaches to an error thrown in a dialog: ids and the stack, state and all. */
  const dialogError = () =>
    Object.assign(new Error('boom'), {
      name: 'DialogContextError',
      dialogContext: {
        activeDialog: 'contact.formFlow',
        parent: 'contactDialog',
        stack: [{ id: 'mainDialog', state: { dialogs: { dialogStack: [{ id: 'contactDialog', state: { options: { values: { name: NAME, phone: '030 1234567' } } } }] } } }],
      },
    });
  const logLine = (fields: object) => {
    let out = '';
    createLogger('info', new Writable({ write: (c, _e, done) => ((out += c.toString()), done()) })).error(fields, 'turn failed');
    return JSON.parse(out) as Record<string, any>;
  };

  it.each([['err'], ['error']])('keep the dialog ids of a dialog error under "%s" and drop the dialog state', (key) => {
    const line = logLine({ [key]: dialogError() });
    expect(line[key].dialogContext).toEqual({ activeDialog: 'contact.formFlow', parent: 'contactDialog', stack: ['mainDialog', 'contactDialog'] });
    expect(JSON.stringify(line)).not.toContain(NAME);
    expect(JSON.stringify(line)).not.toContain('1234567');
  });

  it('drop the parameters of a failed database query, which are the rows being written', () => {
    const err = Object.assign(new Error('insert failed'), { code: '22P05', query: 'INSERT INTO tickets VALUES ($1, $2)', params: [NAME, 'Payroll export stops'] });
    const line = logLine({ err });
    expect(line.err).toMatchObject({ code: '22P05', query: 'INSERT INTO tickets VALUES ($1, $2)', params: '[redacted]' });
    expect(JSON.stringify(line)).not.toContain(NAME);
  });
});

describe('the phone number scrubber', () => {
  it.each([
    ['030 1234567'],
    ['(030) 1234567'],
    ['(425) 555-0100'],
    ['(425)555-0100'],
    ['425-555-0100'],
    ['425.555.0100'],
    ['425 555 0100'],
    ['0151-23456789'],
    ['0151 234 567 89'],
    ['010-12345678'],
    ['02 2345 6789'],
    ['07700 900123'],
    ['01 23 45 67 89'],
    ['06 1234 5678'],
    ['0612345678'],
    ['030/1234567'],
    ['+61 2 9999 0000'],
    ['+1 (425) 555-0100'],
    ['+442079460000'],
  ])('scrubs %s', (phone) => {
    for (const text of [phone, `call me on ${phone} please`, `phone: ${phone}.`, `"${phone}"`]) {
      const scrubbed = scrubPersonalData(text);
      expect(scrubbed).toContain('[phone]');
      expect(scrubbed.replace('[phone]', '')).not.toMatch(/\d{3}/);
    }
  });

  it.each([
    ['a ticket number', 'ticket SR-1000042 filed'],
    ['a long ticket number', 'SR-100000000042 reopened'],
    ['a ticket number typed loosely', 'status of #1000042 and sr 1000043'],
    ['a bare seven-digit number', 'ticket 1000042 claimed'],
    ['a port', 'listening on http://127.0.0.1:3978 and 0.0.0.0:35545'],
    ['a duration', 'turn took 1234 ms (1500ms budget, 0.250 s)'],
    ['a count', '1234567 rows, 250 000 bytes, 262144 bytes'],
    ['an ISO timestamp', '2026-12-04T16:05:09.247Z'],
    ['a timestamp with an offset', '2026-12-04 16:05:09 +0100'],
    ['a date', 'on 2026-01-04, 04.12.2026 and 01-12-2026'],
    ['epoch milliseconds', 'time 1796400306974'],
    ['a UUID', 'case 0a1b2c3d-4e5f-4789-9abc-def012345678'],
    ['a UUID of digits', 'case 01234567-0123-4567-8901-234567890123'],
    ['a Direct Line activity id', '_eaUfku1Y01sZ55RJPhdOw|0000042'],
    ['a zero-padded counter', 'watermark 0000000042'],
    ['a Teams activity id', '1:1DvfRzRp3Bt0Aq2QF2c2k7 and 1733312345678'],
    ['an IP address', '10.0.0.12 and 192.168.100.200'],
    ['a version', 'botbuilder 4.23.1, node 20.11.1'],
    ['a time of day', '09:00-17:00'],
  ])('leaves %s alone', (_case, text) => {
    expect(scrubPersonalData(text)).toBe(text);
  });
});
