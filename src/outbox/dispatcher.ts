import type { Logger } from '../logger.js';
import type { Db, Queryable, RetentionStep } from '../storage/index.js';
import { rowToOutboxEvent, type OutboxEvent, type OutboxRow } from './outboxEvents.js';

/**
 * Hands the outbox's events to its consumers. Each consumer reads the log in order from its own cursor,
 * in batches; a batch, the consumer's writes for it and the cursor's move are one transaction, so every
 * consumer handles every committed event exactly once, and a crash at any point only repeats a batch
 * that had not committed.
 *
 * Commit order is not id order on PostgreSQL: a transaction that took id 7 may commit after one that
 * took id 8. So only events of transactions older than every transaction still running are read (the
 * snapshot's xmin), in (txid, id) order: nothing below that horizon can still appear. With PGlite there
 * is one connection and the horizon is simply "everything committed".
 *
 * Consumers write only their own tables in `handle` (fast, no network); the slow work (HTTP, SMTP) is done
 * by each consumer's own worker from those tables, with its own retries.
 */

export interface OutboxConsumer {
  /** Stable name: the cursor is kept under it. */
  name: string;
  /** Turns events into the consumer's own durable work, in the transaction that advances its cursor. */
  handle(tx: Queryable, events: OutboxEvent[]): Promise<void>;
  /** After a batch's transaction committed: e.g. wake the consumer's own worker for the work it just made. */
  afterCommit?(): void;
}

export interface OutboxDispatcher {
  /** Something was committed: run the consumers soon (the dispatcher also polls, for other instances). */
  wake(): void;
  /** Resolves when every consumer has handled every event committed before the call (tests, shutdown). */
  drain(timeoutMs?: number): Promise<void>;
  /** Stops polling; resolves when a run under way has finished. */
  stop(): Promise<void>;
}

export interface OutboxDispatcherOptions {
  db: Db;
  consumers: readonly OutboxConsumer[];
  log: Logger;
  /** How often the log is checked without a wake-up (events of other instances, retries). Default 2 s. */
  pollMs?: number;
  batchSize?: number;
  /** After a consumer's batch failed, how long it waits before trying again. Default 5 s. */
  retryMs?: number;
  /**
   * How long a wake-up waits for others to join it. Filing a request wakes the dispatcher several times
   * (the ticket, its handoff, the case's outcome); one run then handles them all. Default 25 ms.
   */
  wakeDelayMs?: number;
}

const HORIZON = 'pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

interface Cursor {
  last_txid: string;
  last_id: string;
  /** The horizon, from the statement's snapshot: taken before this transaction has an id of its own. */
  h: string;
}

/** One instance at a time per consumer: the others wait here on the row lock, then see the moved cursor. */
const lockCursor = (tx: Queryable, consumer: string) =>
  tx.query<Cursor>(`SELECT last_txid::text, last_id::text, ${HORIZON}::text AS h FROM outbox_cursors WHERE consumer = $1 FOR UPDATE`, [consumer]);

/** One batch for one consumer: returns how many events it handled (0: caught up). */
async function runBatch(db: Db, consumer: OutboxConsumer, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    let cursor = (await lockCursor(tx, consumer.name)).rows[0];
    if (!cursor) {
      // The consumer's first run (or its row was deleted): its cursor starts at the beginning of the log.
      await tx.query('INSERT INTO outbox_cursors (consumer, updated_at) VALUES ($1, now()) ON CONFLICT (consumer) DO NOTHING', [consumer.name]);
      cursor = (await lockCursor(tx, consumer.name)).rows[0]!;
    }
    const { rows } = await tx.query<OutboxRow>(
      `SELECT id, event_id, type, subject, payload, occurred_at, txid FROM outbox_events
        WHERE (txid, id) > ($1::bigint, $2::bigint) AND txid < $3::bigint
        ORDER BY txid, id LIMIT $4`,
      [cursor.last_txid, cursor.last_id, cursor.h, batchSize],
    );
    if (rows.length === 0) return 0;
    await consumer.handle(tx, rows.map(rowToOutboxEvent));
    const last = rows[rows.length - 1]!;
    await tx.query('UPDATE outbox_cursors SET last_txid = $2, last_id = $3, updated_at = now() WHERE consumer = $1', [consumer.name, String(last.txid), String(last.id)]);
    return rows.length;
  });
}

/**
 * The consumers with events after their cursor, whatever the horizon, in one statement outside any
 * transaction: most wake-ups and polls find nothing to do, and cost this one read instead of a
 * transaction per consumer. Drain waits on it too.
 */
async function consumersBehind(db: Db, names: readonly string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT n.name FROM unnest($1::text[]) AS n(name)
       LEFT JOIN outbox_cursors c ON c.consumer = n.name
      WHERE EXISTS (
        SELECT 1 FROM outbox_events e
         WHERE (e.txid, e.id) > (coalesce(c.last_txid, 0::bigint), coalesce(c.last_id, 0::bigint))
      )`,
    [names],
  );
  return new Set(rows.map((r) => r.name));
}

export function startOutboxDispatcher({ db, consumers, log, pollMs = 2000, batchSize = 100, retryMs = 5000, wakeDelayMs = 25 }: OutboxDispatcherOptions): OutboxDispatcher {
  const failedUntil = new Map<string, number>();
  const names = consumers.map((c) => c.name);
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let wakeTimer: NodeJS.Timeout | undefined;

  async function runAll(): Promise<void> {
    let behind: Set<string>;
    try {
      behind = await consumersBehind(db, names);
    } catch (err) {
      log.warn({ err }, 'the outbox could not be read; it is read again shortly');
      return;
    }
    for (const consumer of consumers) {
      if (!behind.has(consumer.name)) continue;
      if ((failedUntil.get(consumer.name) ?? 0) > Date.now()) continue;
      try {
        let handled = batchSize;
        while (!stopped && handled === batchSize) {
          handled = await runBatch(db, consumer, batchSize);
          if (handled > 0) consumer.afterCommit?.();
        }
        failedUntil.delete(consumer.name);
      } catch (err) {
        failedUntil.set(consumer.name, Date.now() + retryMs);
        log.warn({ err, consumer: consumer.name }, 'an outbox consumer failed on a batch; it is retried shortly');
      }
    }
  }

  /** One run at a time; a wake-up during a run makes one more run after it. */
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runAll();
      } while (again && !stopped);
    })().finally(() => (running = undefined));
    return running;
  }

  const timer = setInterval(() => void run(), pollMs);
  timer.unref();
  if (consumers.length > 0) void run();

  return {
    wake() {
      if (stopped || consumers.length === 0 || wakeTimer) return;
      wakeTimer = setTimeout(() => {
        wakeTimer = undefined;
        if (!stopped) void run();
      }, wakeDelayMs);
    },
    async drain(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        failedUntil.clear();
        await run();
        await running;
        const pending = await consumersBehind(db, names);
        if (pending.size === 0) return;
        if (Date.now() > deadline) throw new Error(`outbox not drained within ${timeoutMs} ms (${[...pending].join(', ')} behind)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(wakeTimer);
      await running;
    },
  };
}

/**
 * Events carry personal data (the request's contact details), so they are kept only for the retention
 * period, and never deleted before every consumer has read them.
 */
export function outboxRetention(db: Db, consumerNames: () => readonly string[]): RetentionStep {
  return {
    async deleteBefore(cutoff) {
      const names = [...consumerNames()];
      const { rowCount } = await db.query(
        `DELETE FROM outbox_events e
          WHERE e.occurred_at < $1
            AND NOT EXISTS (
              SELECT 1 FROM unnest($2::text[]) AS n(name)
               WHERE NOT EXISTS (SELECT 1 FROM outbox_cursors c WHERE c.consumer = n.name AND (c.last_txid, c.last_id) >= (e.txid, e.id))
            )`,
        [cutoff, names],
      );
      return { outboxEvents: rowCount };
    },
  };
}
