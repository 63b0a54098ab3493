import type { GaugeSource } from '../metrics.js';
import type { Db } from '../storage/index.js';

/** Conversations handed to a human agent, by state, for /metrics. */
export function handoffMetrics(db: Db): GaugeSource {
  return {
    name: 'support_handoffs',
    help: 'Conversations handed to a human agent, by state',
    labelNames: ['status'],
    async read() {
      const { rows } = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM handoffs GROUP BY status');
      return rows.map((r) => ({ labels: { status: r.status }, value: r.n }));
    },
  };
}
