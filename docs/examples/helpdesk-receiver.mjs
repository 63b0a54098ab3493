// A receiver for Support Assistant's webhooks, as a helpdesk integration would write it: plain Node.js,
// no dependencies. It checks the signature and the timestamp, drops deliveries it already has (by
// Webhook-Id), and maps each event onto a generic helpdesk ticket (subject, requester, priority,
// status), which it prints. Replace `upsertHelpdeskTicket` with your helpdesk's API call.
//
//   WEBHOOK_SECRET=whsec_... PORT=8080 node docs/examples/helpdesk-receiver.mjs
//
// docs/webhooks.md explains each step; test/webhooks/receiverExample.test.ts runs this file against
// real deliveries.
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const TOLERANCE_SECONDS = 5 * 60;
const MAX_BODY_BYTES = 256 * 1024;

/** True when the headers carry a valid signature of this exact body, made recently. */
export function verify(secret, headers, body, nowSeconds = Date.now() / 1000) {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = headers['webhook-signature'];
  if (!id || !Number.isInteger(timestamp) || !signatures) return false;
  // An old (or future) timestamp is a replay of a captured request, or a badly wrong clock.
  if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`);
  // During a secret rotation several signatures may come, separated by spaces: one match is enough.
  return signatures.split(' ').some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Answers with a status and an optional plain-text body. */
function reply(res, status, text) {
  res.writeHead(status, text ? { 'content-type': 'text/plain' } : {});
  res.end(text);
}

/** Severity A/B/C → the helpdesk's priority. */
const PRIORITY = { A: 'urgent', B: 'high', C: 'normal' };
/** The assistant's status → the helpdesk's. */
const STATUS = { new: 'open', in_progress: 'open', waiting_on_customer: 'pending', resolved: 'solved', closed: 'closed' };

/** A generic helpdesk ticket from a request as the webhook carries it. */
export function toHelpdeskTicket(ticket) {
  return {
    externalId: ticket.number,
    subject: `${ticket.number}: ${ticket.description.split('\n')[0].slice(0, 120)}`,
    requester: { name: ticket.requester.name, email: ticket.requester.email, phone: ticket.requester.phone },
    priority: PRIORITY[ticket.severity] ?? 'normal',
    status: STATUS[ticket.status] ?? 'open',
    tags: [ticket.category, ticket.cloud, ticket.topic, `lang:${ticket.language}`].filter(Boolean),
    dueAt: ticket.responseDueAt,
  };
}

/**
 * The request handler. `seen` remembers Webhook-Ids already handled (use your database in production,
 * kept at least as long as the sender retries: a day); `upsertHelpdeskTicket` receives each mapped ticket.
 */
export function createReceiver({ secret, upsertHelpdeskTicket, seen = new Set() }) {
  return (req, res) => {
    if (req.method !== 'POST') {
      reply(res, 405);
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reply(res, 413);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', async () => {
      if (res.headersSent) return;
      const body = Buffer.concat(chunks).toString('utf8');
      if (!verify(secret, req.headers, body)) {
        reply(res, 401, 'bad signature or stale timestamp');
        return;
      }
      const id = req.headers['webhook-id'];
      // At-least-once delivery: the same event may come again (a retry after a lost answer). Answer 2xx.
      if (seen.has(id)) {
        reply(res, 200, 'already have it');
        return;
      }
      try {
        const event = JSON.parse(body);
        if (event.version !== '1') throw new Error(`unsupported version ${event.version}`);
        if (event.data.ticket) await upsertHelpdeskTicket(toHelpdeskTicket(event.data.ticket), event);
        seen.add(id);
        reply(res, 204);
      } catch (err) {
        // A 5xx makes the sender retry later with backoff; nothing is lost meanwhile.
        reply(res, 500, String(err.message ?? err));
      }
    });
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) {
    process.stderr.write('Set WEBHOOK_SECRET to the secret `npm run webhooks -- add` printed.\n');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8080);
  const handler = createReceiver({
    secret,
    upsertHelpdeskTicket: async (ticket, event) => process.stdout.write(`${event.type} → ${JSON.stringify(ticket)}\n`),
  });
  createServer(handler).listen(port, () => process.stdout.write(`listening on http://localhost:${port}/ for Support Assistant webhooks\n`));
}
