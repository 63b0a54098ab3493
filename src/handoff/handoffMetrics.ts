import { groupedCountGauge, type GaugeSource } from '../metrics.js';
import type { Db } from '../storage/index.js';

/** Conversations handed to a human agent, by state, for /metrics. */
export const handoffMetrics = (db: Db): GaugeSource =>
  groupedCountGauge({
    name: 'support_handoffs',
    help: 'Conversations handed to a human agent, by state',
    labelNames: ['status'],
    count: () => db.query('SELECT status, count(*)::int AS n FROM handoffs GROUP BY status'),
  });
