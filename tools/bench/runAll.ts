// `npm run bench`: every benchmark, one after the other, each printed as a table and written to
// tools/bench/results/<name>.json with the machine it ran on (cpus, Node version, date, load average).
//   npm run bench                          everything (about 7 minutes on 2 cores)
//   npm run bench -- --only=turn-load,startup   (classify, turn-cost, turn-load, scale-out, startup, memory, insights, goals)
//   npm run bench -- --seconds=5           shorter turn-load levels (default 10 s each)
// Figures depend on what else the machine is doing: the load average at the start is recorded.
import { spawn } from 'node:child_process';
import { runMemory, memoryTable } from './memory.bench.js';
import { machineInfo, writeResults } from './lib/results.js';
import { repoRoot } from './lib/serverProcess.js';
import { formatTable } from './lib/table.js';
import { insightsTable, runInsights } from './insights.bench.js';
import { runStartup, startupTable } from './startup.bench.js';
import { runTurnCost, turnCostTable } from './turnCost.bench.js';
import { runScaleOut, scaleOutTable } from './scaleOut.bench.js';
import { runTurnLoad, turnLoadTable } from './turnLoad.bench.js';

interface ClassifyRow {
  knowledgeBase: string;
  articles: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  queries: number;
}

/** classify.bench.ts prints one line per knowledge base; it runs as its own process, as `npm run bench:classify` does. */
async function runClassify(): Promise<ClassifyRow[]> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/bench/classify.bench.ts'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`classify.bench.ts exited with ${code}`))));
  });
  const line = /^(.+?)\s+(\d+) articles\s+build\s+([\d.]+) ms.*?p50\s+([\d.]+) ms\s+p99\s+([\d.]+) ms.*?(\d+) queries/;
  return output
    .split('\n')
    .map((l) => line.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ knowledgeBase: m[1]!.trim(), articles: Number(m[2]), buildMs: Number(m[3]), p50Ms: Number(m[4]), p99Ms: Number(m[5]), queries: Number(m[6]) }));
}

const classifyTable = (rows: ClassifyRow[]) =>
  formatTable(['knowledge base', 'articles', 'build ms', 'p50 ms', 'p99 ms', 'queries'], rows.map((r) => [r.knowledgeBase, r.articles, r.buildMs, r.p50Ms, r.p99Ms, r.queries]));

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const only = args.only ? new Set(args.only.split(',')) : undefined;
const seconds = Number(args.seconds ?? 10);

const benchmarks: Array<{ name: string; title: string; run: () => Promise<{ results: unknown; table: string; summary?: string }> }> = [
  {
    name: 'classify',
    title: 'Classifier: index build and latency (bench/classify.bench.ts)',
    run: async () => {
      const rows = await runClassify();
      return { results: rows, table: classifyTable(rows) };
    },
  },
  {
    name: 'turn-cost',
    title: 'Hot path per turn of the full flow: SQL statements, state reads/writes, bytes, time (one conversation at a time)',
    run: async () => {
      const r = await runTurnCost(20);
      return { results: r, table: turnCostTable(r) };
    },
  },
  {
    name: 'turn-load',
    title: `Turn load: full flow vs echo bot, closed loop, ${seconds} s per level (ratio = full turns/s ÷ echo turns/s)`,
    run: async () => {
      const r = await runTurnLoad(seconds);
      return {
        results: r,
        table: turnLoadTable(r),
        summary:
          `at 50 admins: ratio ${r.goals.ratioAt50} (goal ≥ 0.5: ${r.goals.ratioMet ? 'met' : 'not met'}), full-flow p99 ${r.goals.p99At50Ms} ms (goal < 50 ms: ${r.goals.p99Met ? 'met' : 'not met'}); ` +
          `at a 0.5 s pace, p99 ${r.goals.pacedP99At50Ms} ms`,
      };
    },
  },
  {
    name: 'scale-out',
    title: `Scale-out: 50 admins on the embedded database, on PostgreSQL with one instance and with two behind a round-robin proxy, ${seconds} s per run`,
    run: async () => {
      const r = await runScaleOut(seconds);
      return { results: r, table: scaleOutTable(r), summary: r.rows.map((row) => `${row.setup} × ${row.instances}: ${row.closed.full.turnsPerSecond} turns/s`).join('; ') };
    },
  },
  {
    name: 'startup',
    title: 'Start-up to /ready (the compiled server, started as npm start starts it)',
    run: async () => {
      const r = await runStartup(3);
      return { results: r, table: startupTable(r), summary: `median ${r.medianMs} ms (goal < 3000 ms: ${r.met ? 'met' : 'not met'})` };
    },
  },
  {
    name: 'memory',
    title: 'Resident memory with 1,000 active conversations',
    run: async () => {
      const r = await runMemory(1000);
      return { results: r, table: memoryTable(r), summary: `peak ${Math.max(r.loadedRssMB, r.settledRssMB)} MB (goal < 250 MB: ${r.met ? 'met' : 'not met'})` };
    },
  },
  {
    name: 'insights',
    title: 'Insights dashboard: 1,000,000 cases and 100,000 requests in PostgreSQL, the console\'s seven requests at once',
    run: async () => {
      const r = await runInsights();
      if (!r) return { results: null, table: '(skipped: no PostgreSQL server)' };
      return {
        results: r,
        table: insightsTable(r),
        summary: `slowest dashboard ${Math.max(...r.rows.map((row) => row.maxMs))} ms over ${r.rollupRows.toLocaleString('en')} rollup rows (goal < ${r.goalMs} ms: ${r.met ? 'met' : 'not met'})`,
      };
    },
  },
];

const machine = machineInfo();
console.log(`Support Assistant benchmarks: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverage.join(' ')}, ${machine.date}\n`);
const summary: Record<string, string> = {};
for (const b of benchmarks) {
  if (only && !only.has(b.name)) continue;
  console.log(`== ${b.title}`);
  const started = performance.now();
  const { results, table, summary: line } = await b.run();
  console.log(table);
  if (line) console.log(line);
  const file = writeResults(b.name, results, machine);
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s, written to ${file.replace(repoRoot, '')})\n`);
  summary[b.name] = line ?? 'see table';
}
writeResults('summary', summary, machine);
