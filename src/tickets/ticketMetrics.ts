import type { GaugeSource } from '../metrics.js';
import type { Db } from '../storage/index.js';

/** Service requests in the database by severity and status, for /metrics. */
export function ticketMetrics(db: Db): GaugeSource {
  return {
    name: 'support_tickets',
    help: 'Service requests in the database, by severity and status',
    labelNames: ['severity', 'status'],
    async read() {
      const { rows } = await db.query<{ severity: string; status: string; n: number }>('SELECT severity, status, count(*)::int AS n FROM tickets GROUP BY severity, status');
      return rows.map((r) => ({ labels: { severity: r.severity, status: r.status }, value: r.n }));
    },
  };
}
