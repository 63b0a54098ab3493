// Scale-out: the full flow (50 admins, closed loop and paced) on the embedded database, on PostgreSQL
// with one instance, and on PostgreSQL with two instances behind a round-robin proxy (no stickiness),
// each against the echo bot measured in the same run on the same database kind.
// `npx tsx tools/bench/scaleOut.bench.ts [seconds]`; `npm run bench -- --only=scale-out`.
// PostgreSQL: DATABASE_URL, else a throw-away server (Debian's postgresql), else skipped with a notice.
import { ECHO_FLOW, FULL_FLOW } from './lib/flows.js';
import { runLoad, type LoadResult } from './lib/loadDriver.js';
import { startBenchPostgres } from './lib/postgresServer.js';
import { machineInfo, writeResults } from './lib/results.js';
import { startRoundRobinProxy } from './lib/roundRobinProxy.js';
import { startServer, tempDataDir, type BenchServer } from './lib/serverProcess.js';
import { formatTable } from './lib/table.js';
import { PACED_THINK_MS } from './turnLoad.bench.js';

export interface ScaleOutRow {
  setup: string;
  instances: number;
  closed: { full: LoadResult; echo: LoadResult; ratio: number };
  paced: { full: LoadResult; echo: LoadResult };
}

export interface ScaleOutResults {
  secondsPerRun: number;
  admins: number;
  rows: ScaleOutRow[];
  skipped?: string;
}

const ADMINS = 50;
const BASE_ENV = { SEED_SAMPLE_INCIDENTS: 'false', RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000', LOG_LEVEL: 'warn' };

/** `count` instances of `entry` (the assistant when undefined) on one database, behind a proxy when more than one. */
async function startCluster(count: number, env: Record<string, string>, entry?: string): Promise<{ url: string; stop(): Promise<void> }> {
  const servers: BenchServer[] = [];
  for (let i = 0; i < count; i++) servers.push(await startServer({ entry, env: { ...BASE_ENV, ...env } }));
  if (count === 1) return { url: servers[0]!.url, stop: () => servers[0]!.stop() };
  const proxy = await startRoundRobinProxy(servers.map((s) => s.url));
  return {
    url: proxy.url,
    async stop() {
      await proxy.close();
      for (const s of servers) await s.stop();
    },
  };
}

async function measure(setup: string, instances: number, env: (bot: 'full' | 'echo') => Promise<Record<string, string>>, seconds: number): Promise<ScaleOutRow> {
  const full = await startCluster(instances, await env('full'));
  const echo = await startCluster(instances, await env('echo'), 'tools/bench/echoServer.ts');
  const runId = `s${Date.now().toString(36)}`;
  try {
    await runLoad({ url: full.url, scenario: FULL_FLOW, concurrency: 10, durationMs: 3000, runId: `${runId}-warm` });
    await runLoad({ url: echo.url, scenario: ECHO_FLOW, concurrency: 10, durationMs: 3000, runId: `${runId}-warm` });
    const closedFull = await runLoad({ url: full.url, scenario: FULL_FLOW, concurrency: ADMINS, durationMs: seconds * 1000, runId: `${runId}-c` });
    const closedEcho = await runLoad({ url: echo.url, scenario: ECHO_FLOW, concurrency: ADMINS, durationMs: seconds * 1000, runId: `${runId}-c` });
    const pacedFull = await runLoad({ url: full.url, scenario: FULL_FLOW, concurrency: ADMINS, thinkMs: PACED_THINK_MS, durationMs: Math.max(15, seconds) * 1000, runId: `${runId}-p` });
    const pacedEcho = await runLoad({ url: echo.url, scenario: ECHO_FLOW, concurrency: ADMINS, thinkMs: PACED_THINK_MS, durationMs: Math.max(15, seconds) * 1000, runId: `${runId}-p` });
    return {
      setup,
      instances,
      closed: { full: closedFull, echo: closedEcho, ratio: Math.round((closedFull.turnsPerSecond / closedEcho.turnsPerSecond) * 100) / 100 },
      paced: { full: pacedFull, echo: pacedEcho },
    };
  } finally {
    await full.stop();
    await echo.stop();
  }
}

export async function runScaleOut(seconds = 10): Promise<ScaleOutResults> {
  const rows: ScaleOutRow[] = [];
  const dirs: Array<{ remove(): void }> = [];
  const embedded = async (bot: string) => {
    const d = tempDataDir(`scale-${bot}`);
    dirs.push(d);
    return { DATA_DIR: d.dir };
  };
  try {
    rows.push(await measure('embedded (PGlite)', 1, embedded, seconds));
    const pg = await startBenchPostgres();
    if (!pg) return { secondsPerRun: seconds, admins: ADMINS, rows, skipped: 'PostgreSQL rows skipped: no DATABASE_URL and no postgresql package (apt-get install -y postgresql)' };
    try {
      for (const instances of [1, 2]) {
        rows.push(await measure('PostgreSQL', instances, async (bot) => ({ DATABASE_URL: await pg.freshSchemaUrl(`${bot}${instances}`) }), seconds));
      }
    } finally {
      pg.stop();
    }
    return { secondsPerRun: seconds, admins: ADMINS, rows };
  } finally {
    for (const d of dirs) d.remove();
  }
}

export function scaleOutTable(results: ScaleOutResults): string {
  const lines = results.rows.flatMap((r) => [
    [r.setup, r.instances, 'closed loop', r.closed.full.turnsPerSecond, r.closed.full.p99Ms, r.closed.echo.turnsPerSecond, r.closed.echo.p99Ms, r.closed.ratio.toFixed(2), r.closed.full.errors],
    [r.setup, r.instances, `paced ${PACED_THINK_MS / 1000} s`, r.paced.full.turnsPerSecond, r.paced.full.p99Ms, r.paced.echo.turnsPerSecond, r.paced.echo.p99Ms, (r.paced.full.p99Ms / r.paced.echo.p99Ms).toFixed(1) + ' × p99', r.paced.full.errors],
  ]);
  const table = formatTable(['database', 'instances', 'load', 'full turns/s', 'full p99 ms', 'echo turns/s', 'echo p99 ms', 'ratio', 'errors'], lines);
  return results.skipped ? `${table}\n${results.skipped}` : table;
}

if (process.argv[1]?.endsWith('scaleOut.bench.ts')) {
  const machine = machineInfo();
  const results = await runScaleOut(Number(process.argv[2] ?? 10));
  console.log(scaleOutTable(results));
  console.log(`written to ${writeResults('scale-out', results, machine)}`);
}
