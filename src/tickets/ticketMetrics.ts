import { groupedCountGauge, type GaugeSource } from '../metrics.js';
import type { Db } from '../storage/index.js';

/** Service requests in the database by severity and status, for /metrics. */
export const ticketMetrics = (db: Db): GaugeSource =>
  groupedCountGauge({
    name: 'support_tickets',
    help: 'Service requests in the database, by severity and status',
    labelNames: ['severity', 'status'],
    count: () => db.query('SELECT severity, status, count(*)::int AS n FROM tickets GROUP BY severity, status'),
  });
