import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { groupedCountGauge, type GaugeSource } from '../metrics.js';
import type { Logger } from '../logger.js';
import type { OutboxConsumer } from '../outbox/index.js';
import type { Db, Queryable } from '../storage/index.js';
import { webhookBody, webhookEventTypes, type WebhookEventType } from './payloads.js';
import { signedHeaders } from './signing.js';
import { guardedLookup, type TargetPolicy } from './targets.js';

/**
 * Deliveries: at least once, never twice from our side for the same endpoint and event.
 *
 * 1. The outbox consumer (`webhooksConsumer`) makes one row per (subscribed enabled endpoint, event) in
 *    the transaction that moves its cursor; the unique (endpoint, event) key means a repeated batch adds
 *    nothing.
 * 2. The worker claims due rows (FOR UPDATE SKIP LOCKED, with a lease: several instances share the work,
 *    and a row whose instance died mid-attempt is retried when its lease runs out), POSTs the stored
 *    body signed with a fresh timestamp, and records the outcome: delivered on 2xx; the endpoint turned
 *    off on 410 Gone; otherwise a retry after an exponential backoff with full jitter, and after the last
 *    attempt a dead letter a manager can replay. The Webhook-Id header (the event's idempotency key) is
 *    the same on every attempt and replay, so the receiver can drop what it already has.
 */

export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'dead';

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookEventType;
  subject: string | null;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

interface DeliveryRow {
  id: string | number;
  endpoint_id: string;
  event_id: string;
  event_type: WebhookEventType;
  subject: string | null;
  body: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
}

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: String(r.id),
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  subject: r.subject,
  state: r.state,
  attempts: Number(r.attempts),
  nextAttemptAt: new Date(r.next_attempt_at),
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
});

export interface RetryPolicy {
  /** First retry after up to this long. */
  baseSeconds: number;
  /** No wait longer than this. */
  maxSeconds: number;
  /** Attempts in all before a delivery becomes a dead letter. */
  maxAttempts: number;
}

/** Exponential backoff with full jitter (AWS Architecture Blog): a random wait up to base × 2^(n-1), capped. */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempt - 1)) * 1000;
  return Math.round(ceiling * (0.1 + 0.9 * random()));
}

/** The outbox consumer: one delivery per subscribed, enabled endpoint. */
export function webhooksConsumer(onNewDeliveries: () => void = () => undefined): OutboxConsumer {
  let made = false;
  return {
    name: 'webhooks',
    async handle(tx: Queryable, events) {
      const wanted = events.filter((e) => (webhookEventTypes as readonly string[]).includes(e.type));
      if (wanted.length === 0) return;
      const { rows: endpoints } = await tx.query<{ id: string; events: string[] }>('SELECT id, events FROM webhook_endpoints WHERE enabled');
      for (const event of wanted) {
        const targets = endpoints.filter((e) => e.events.includes(event.type));
        if (targets.length === 0) continue;
        const body = webhookBody(event);
        for (const endpoint of targets) {
          const { rowCount } = await tx.query(
            `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, subject, body, next_attempt_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, now(), now(), now()) ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
            [endpoint.id, event.eventId, event.type, event.subject, body],
          );
          made ||= rowCount > 0;
        }
      }
    },
    afterCommit() {
      if (made) onNewDeliveries();
      made = false;
    },
  };
}

export interface WebhookWorkerOptions {
  db: Db;
  log: Logger;
  policy: TargetPolicy;
  retry: RetryPolicy;
  /** One attempt's time limit (connect, send, answer). */
  timeoutMs: number;
  /** Longest sleep between checks for due work (retries of other instances). Default 5 s. */
  idleMs?: number;
  now?: () => Date;
}

export interface WebhookWorker {
  wake(): void;
  /** Runs due deliveries until none is due (tests). */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

interface AttemptResult {
  status: number | null;
  error: string | null;
}

/** What the receiver said, read up to 2 KB (enough for an error message; a huge answer is not our business). */
async function readSome(res: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of res) {
    text += String(chunk);
    if (text.length >= 2048) break;
  }
  res.destroy();
  return text.slice(0, 2048);
}

function post(url: string, body: string, headers: Record<string, string>, policy: TargetPolicy, timeoutMs: number): Promise<AttemptResult> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'SupportAssistant-Webhooks/1', ...headers },
        lookup: guardedLookup(policy) as never,
        timeout: timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        void readSome(res).then(
          (text) => resolve({ status, error: status >= 200 && status < 300 ? null : `HTTP ${status}${text.trim() ? `: ${text.trim().slice(0, 300)}` : ''}` }),
          () => resolve({ status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` }),
        );
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ status: null, error: err.message }));
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}

export function startWebhookWorker(opts: WebhookWorkerOptions): WebhookWorker {
  const { db, log, policy, retry, timeoutMs } = opts;
  const now = opts.now ?? (() => new Date());
  const idleMs = opts.idleMs ?? 5000;
  // Past the attempt's own time limit: a row still "sending" then belongs to an instance that died.
  const leaseMs = timeoutMs + 5000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function claim(): Promise<Array<DeliveryRow & { url: string; secret: string; enabled: boolean }>> {
    const at = now();
    const { rows } = await db.query<DeliveryRow & { url: string; secret: string; enabled: boolean }>(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
          WHERE (state = 'pending' AND next_attempt_at <= $1) OR (state = 'sending' AND lease_until < $1)
          ORDER BY next_attempt_at, id LIMIT 10 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_deliveries d SET state = 'sending', attempts = d.attempts + 1, lease_until = $2, updated_at = $1
           FROM due WHERE d.id = due.id RETURNING d.*
       )
       SELECT c.*, e.url, e.secret, e.enabled FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
      [at, new Date(at.getTime() + leaseMs)],
    );
    return rows;
  }

  /**
   * An attempt's outcome is recorded only while the row is still this attempt's: after a lease ran out
   * another worker (or a replay) owns it, and a late answer must not overwrite what it did.
   */
  const OWNED = "state = 'sending' AND attempts = $4";

  async function attempt(row: DeliveryRow & { url: string; secret: string; enabled: boolean }): Promise<void> {
    if (!row.enabled) {
      await db.query("UPDATE webhook_deliveries SET state = 'dead', lease_until = NULL, last_error = $2, updated_at = $3 WHERE id = $1", [row.id, 'the endpoint is turned off', now()]);
      return;
    }
    const result = await post(row.url, row.body, { ...signedHeaders(row.secret, row.event_id, row.body, now()) }, policy, timeoutMs);
    const at = now();
    const attempts = Number(row.attempts);
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      await db.query(`UPDATE webhook_deliveries SET state = 'delivered', lease_until = NULL, last_status = $2, last_error = NULL, delivered_at = $3, updated_at = $3 WHERE id = $1 AND ${OWNED}`, [row.id, result.status, at, attempts]);
      return;
    }
    if (result.status === 410) {
      // The receiver says this endpoint is gone for good: stop sending it anything.
      await db.transaction(async (tx) => {
        await tx.query('UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = $3 WHERE id = $1', [row.endpoint_id, `the receiver answered 410 Gone on ${at.toISOString()}`, at]);
        await tx.query(`UPDATE webhook_deliveries SET state = 'dead', lease_until = NULL, last_status = 410, last_error = $2, updated_at = $3 WHERE id = $1 AND ${OWNED}`, [row.id, result.error, at, attempts]);
      });
      log.warn({ endpoint: row.endpoint_id }, 'a webhook receiver answered 410 Gone: the endpoint is turned off');
      return;
    }
    const dead = attempts >= retry.maxAttempts;
    await db.query(
      `UPDATE webhook_deliveries SET state = $2, lease_until = NULL, last_status = $3, last_error = $4, next_attempt_at = $5, updated_at = $6 WHERE id = $1 AND ${OWNED.replace('$4', '$7')}`,
      [row.id, dead ? 'dead' : 'pending', result.status, result.error, new Date(at.getTime() + (dead ? 0 : retryDelayMs(attempts, retry))), at, attempts],
    );
    if (dead) log.warn({ endpoint: row.endpoint_id, event: row.event_id, attempts, error: result.error }, 'a webhook delivery failed for good: it is a dead letter now');
  }

  async function runDue(): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await claim();
      if (batch.length === 0) return done;
      // One batch's attempts together: a slow receiver does not hold up the others' deliveries.
      await Promise.all(batch.map((row) => attempt(row).catch((err) => log.warn({ err, delivery: String(row.id) }, 'a webhook attempt could not be recorded'))));
      done += batch.length;
      if (stopped) return done;
    }
  }

  async function nextDueInMs(): Promise<number> {
    const { rows } = await db.query<{ at: Date | null }>(
      "SELECT min(CASE WHEN state = 'pending' THEN next_attempt_at ELSE lease_until END) AS at FROM webhook_deliveries WHERE state IN ('pending', 'sending')",
    );
    const at = rows[0]?.at;
    return at ? Math.max(0, new Date(at).getTime() - now().getTime()) : idleMs;
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), Math.min(idleMs, ms));
    timer.unref();
  };

  async function tick(): Promise<void> {
    if (running || stopped) return;
    running = runDue();
    try {
      await running;
      schedule(await nextDueInMs());
    } catch (err) {
      log.warn({ err }, 'the webhook worker failed a round; it tries again shortly');
      schedule(idleMs);
    } finally {
      running = undefined;
    }
  }

  schedule(0);
  return {
    wake: () => schedule(0),
    async runDue() {
      await running;
      return runDue();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export interface DeliveryQuery {
  state?: DeliveryState;
  endpointId?: string;
  limit?: number;
}

export interface WebhookDeliveries {
  list(q?: DeliveryQuery): Promise<WebhookDelivery[]>;
  /** A dead letter sent again (same idempotency key), from its first attempt's budget. False when it is not dead. */
  replay(id: string): Promise<boolean>;
}

export function createWebhookDeliveries(db: Db, now: () => Date = () => new Date()): WebhookDeliveries {
  return {
    async list(q = {}) {
      const limit = Math.max(1, Math.min(q.limit ?? 50, 500));
      const { rows } = await db.query<DeliveryRow>(
        'SELECT * FROM webhook_deliveries WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR endpoint_id = $2) ORDER BY id DESC LIMIT $3',
        [q.state ?? null, q.endpointId ?? null, limit],
      );
      return rows.map(toDelivery);
    },
    async replay(id) {
      if (!/^\d{1,18}$/.test(id)) return false;
      const { rowCount } = await db.query(
        "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $2, last_error = NULL, updated_at = $2 WHERE id = $1 AND state = 'dead'",
        [id, now()],
      );
      return rowCount > 0;
    },
  };
}

/** Deliveries by state, for /metrics (dead letters are what an operator watches). */
export const webhookMetrics = (db: Db): GaugeSource =>
  groupedCountGauge({
    name: 'support_webhook_deliveries',
    help: 'Webhook deliveries by state (pending, sending, delivered, dead)',
    labelNames: ['state'],
    count: () => db.query('SELECT state, count(*)::int AS n FROM webhook_deliveries GROUP BY state'),
  });
