import client from 'prom-client';

/**
 * A gauge a module reports about its own tables, read at scrape time (so every instance reports the
 * same truth). Modules describe their figures in these plain terms and know nothing of Prometheus.
 */
export interface GaugeSource {
  name: string;
  help: string;
  labelNames: string[];
  read(): Promise<Array<{ labels: Record<string, string>; value: number }>>;
}

/** Rows of a `GROUP BY` count: one column per label, the count in `n`. */
export type GroupedCountRows = { rows: Array<Record<string, unknown> & { n: number }> };

/**
 * A gauge of grouped counts, the shape every module's figures take: the module runs its own query on
 * its own tables (one column per label plus `n`), this turns the rows into samples.
 */
export function groupedCountGauge(gauge: Omit<GaugeSource, 'read'> & { count(): Promise<GroupedCountRows> }): GaugeSource {
  const { count, ...described } = gauge;
  return {
    ...described,
    async read() {
      const { rows } = await count();
      return rows.map((row) => ({ labels: Object.fromEntries(gauge.labelNames.map((label) => [label, String(row[label])])), value: row.n }));
    },
  };
}

export interface Metrics {
  registry: client.Registry;
  /** Counts a turn; call the returned function when it ends (src/channels/turnMetrics.ts). */
  turnStarted(channelId: string, activityType: string): () => void;
  turnFailed(channelId: string): void;
}

/**
 * Prometheus metrics. Turn counts and latencies are measured in this process; each module's gauges
 * (tickets, self-help outcomes, handoffs) come from the sources it exposes, listed by the composition root.
 */
export function createMetrics(sources: readonly GaugeSource[]): Metrics {
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

  for (const source of sources) {
    new client.Gauge({
      name: source.name,
      help: source.help,
      labelNames: source.labelNames,
      registers: [registry],
      async collect() {
        const samples = await source.read();
        this.reset();
        for (const { labels, value } of samples) this.set(labels, value);
      },
    });
  }

  return {
    registry,
    turnStarted(channel, type) {
      turns.inc({ channel, type });
      const end = turnSeconds.startTimer({ channel });
      return () => void end();
    },
    turnFailed: (channelId) => errors.inc({ channel: channelId }),
  };
}
