import type { Middleware, TurnContext } from 'botbuilder';
import client from 'prom-client';
import type { Db } from './storage/db.js';

export interface Metrics {
  registry: client.Registry;
  /** Counts turns and measures their duration. */
  middleware: Middleware;
  turnFailed(channelId: string): void;
}

/**
 * Prometheus metrics. Turn counts and latencies are measured in this process; ticket, self-help and
 * handoff figures are read from the database at scrape time, so every instance reports the same truth.
 */
export function createMetrics(db: Db): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'support_assistant_' });

  const turns = new client.Counter({ name: 'support_turns_total', help: 'Turns processed, by channel and activity type', labelNames: ['channel', 'type'], registers: [registry] });
  const turnSeconds = new client.Histogram({
    name: 'support_turn_duration_seconds',
    help: 'Time to process one turn',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const errors = new client.Counter({ name: 'support_turn_errors_total', help: 'Turns that failed with an error', labelNames: ['channel'], registers: [registry] });

  new client.Gauge({
    name: 'support_tickets',
    help: 'Service requests in the database, by severity and status',
    labelNames: ['severity', 'status'],
    registers: [registry],
    async collect() {
      const { rows } = await db.query<{ severity: string; status: string; n: number }>('SELECT severity, status, count(*)::int AS n FROM tickets GROUP BY severity, status');
      this.reset();
      for (const r of rows) this.set({ severity: r.severity, status: r.status }, r.n);
    },
  });
  new client.Gauge({
    name: 'support_self_help_outcomes',
    help: 'Answers to "did this solve it?" (resolved = confirmed self-help resolutions)',
    labelNames: ['resolved'],
    registers: [registry],
    async collect() {
      const { rows } = await db.query<{ resolved: boolean; n: number }>('SELECT resolved, count(*)::int AS n FROM self_help_outcomes GROUP BY resolved');
      this.reset();
      for (const r of rows) this.set({ resolved: String(r.resolved) }, r.n);
    },
  });
  new client.Gauge({
    name: 'support_handoffs',
    help: 'Conversations handed to a human agent, by state',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const exists = await db.query<{ t: string | null }>("SELECT to_regclass('handoffs')::text AS t");
      if (!exists.rows[0]?.t) return;
      const { rows } = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM handoffs GROUP BY status');
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });

  return {
    registry,
    middleware: {
      async onTurn(context: TurnContext, next: () => Promise<void>) {
        const channel = context.activity.channelId ?? 'unknown';
        turns.inc({ channel, type: context.activity.type ?? 'unknown' });
        const end = turnSeconds.startTimer({ channel });
        try {
          await next();
        } finally {
          end();
        }
      },
    },
    turnFailed: (channelId) => errors.inc({ channel: channelId }),
  };
}
