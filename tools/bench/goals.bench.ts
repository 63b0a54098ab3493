// The turn-speed and memory goals (issue #20), each measured in one run beside the echo bot, several
// runs, reported as min / median / max because this machine's speed moves ±20 % from run to run:
//   closed loop, 50 admins: full-flow turns/s ÷ echo turns/s        goal ≥ 0.5
//   paced 0.5 s, 50 admins: full-flow p99 ÷ echo p99                 goal ≤ 2
//   resident memory with 1,000 active conversations                  goal < 250 MB, start-up < 3 s
// `npx tsx tools/bench/goals.bench.ts [runs] [seconds] [VAR=value,...]`, e.g. `3 10 PGLITE_THREAD=main`
// to measure a variant; `npm run bench -- --only=goals --runs=3` with the defaults.
import { runMemory } from './memory.bench.js';
import { machineInfo, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';
import { runStartup } from './startup.bench.js';
import { runTurnLoad } from './turnLoad.bench.js';

export interface GoalRun {
  closedFullTps: number;
  closedEchoTps: number;
  ratio: number;
  pacedFullP99Ms: number;
  pacedEchoP99Ms: number;
  pacedP99Multiple: number;
  peakRssMB: number;
  startupMs: number;
}

export interface GoalResults {
  env: Record<string, string>;
  secondsPerRun: number;
  runs: GoalRun[];
  spread: Record<keyof GoalRun, { min: number; median: number; max: number }>;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

function spreadOf(runs: GoalRun[]): GoalResults['spread'] {
  const keys = Object.keys(runs[0]!) as Array<keyof GoalRun>;
  return Object.fromEntries(
    keys.map((k) => {
      const v = runs.map((r) => r[k]).sort((a, b) => a - b);
      return [k, { min: v[0]!, median: v[Math.floor((v.length - 1) / 2)]!, max: v.at(-1)! }];
    }),
  ) as GoalResults['spread'];
}

export async function runGoals(runs = 3, seconds = 10, env: Record<string, string> = {}, progress: (line: string) => void = () => undefined): Promise<GoalResults> {
  const out: GoalRun[] = [];
  for (let i = 1; i <= runs; i++) {
    progress(`run ${i}/${runs}: turn load`);
    const load = await runTurnLoad(seconds, [50], env);
    const at50 = load.levels[0]!;
    progress(`run ${i}/${runs}: memory`);
    const memory = await runMemory(1000, 50, env);
    progress(`run ${i}/${runs}: start-up`);
    const startup = await runStartup(1, env);
    out.push({
      closedFullTps: at50.full.turnsPerSecond,
      closedEchoTps: at50.echo.turnsPerSecond,
      ratio: at50.ratio,
      pacedFullP99Ms: load.paced.full.p99Ms,
      pacedEchoP99Ms: load.paced.echo.p99Ms,
      pacedP99Multiple: round(load.paced.full.p99Ms / load.paced.echo.p99Ms, 1),
      peakRssMB: Math.max(memory.loadedRssMB, memory.settledRssMB),
      startupMs: startup.medianMs,
    });
  }
  return { env, secondsPerRun: seconds, runs: out, spread: spreadOf(out) };
}

export function goalsTable(r: GoalResults): string {
  const row = (label: string, k: keyof GoalRun, goal: string) => [label, r.spread[k].min, r.spread[k].median, r.spread[k].max, goal];
  return formatTable(
    ['measure', 'min', 'median', 'max', 'goal'],
    [
      row('closed loop 50: full turns/s', 'closedFullTps', ''),
      row('closed loop 50: echo turns/s', 'closedEchoTps', ''),
      row('closed loop 50: ratio', 'ratio', '≥ 0.5'),
      row('paced 0.5 s 50: full p99 ms', 'pacedFullP99Ms', ''),
      row('paced 0.5 s 50: echo p99 ms', 'pacedEchoP99Ms', ''),
      row('paced: full p99 ÷ echo p99', 'pacedP99Multiple', '≤ 2'),
      row('resident memory, 1,000 conversations, MB', 'peakRssMB', '< 250'),
      row('start-up to /ready, ms', 'startupMs', '< 3000'),
    ],
  );
}

if (process.argv[1]?.endsWith('goals.bench.ts')) {
  const machine = machineInfo();
  const env = Object.fromEntries((process.argv[4] ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  const results = await runGoals(Number(process.argv[2] ?? 3), Number(process.argv[3] ?? 10), env, (line) => process.stderr.write(`${line}\n`));
  console.log(`environment: ${JSON.stringify(env)}`);
  console.log(goalsTable(results));
  console.log(`written to ${writeResults(`goals${Object.keys(env).length ? '-' + Object.entries(env).map(([k, v]) => `${k}-${v}`).join('-') : ''}`, results, machine)}`);
}
