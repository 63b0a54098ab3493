// Turn load: N concurrent simulated admins (10, 50, 200) each running the full flow to a ticket over
// POST /api/messages (expectReplies, sms channel) against the real server on the embedded database,
// and the same traffic against an echo bot on the same stack (bench/echoServer.ts): the framework's
// floor. Ratio = full-flow turns/s ÷ echo turns/s at the same concurrency.
// Goals: ratio ≥ 0.5 and p99 < 50 ms at 50 concurrent admins.
// `npx tsx bench/turnLoad.bench.ts [seconds per level] [levels...]` runs it alone; `npm run bench` runs everything.
import { ECHO_FLOW, FULL_FLOW } from './lib/flows.js';
import { runLoad, type LoadResult } from './lib/loadDriver.js';
import { machineInfo, writeResults } from './lib/results.js';
import { startServer, tempDataDir } from './lib/serverProcess.js';
import { formatTable } from './lib/table.js';

export const LEVELS = [10, 50, 200];
/** An admin who reads the answer and types the next message in half a second on average: faster than any person. */
export const PACED_THINK_MS = 500;

export interface TurnLoadLevel {
  concurrency: number;
  full: LoadResult;
  echo: LoadResult;
  /** Full-flow turns/s divided by echo turns/s. */
  ratio: number;
}

export interface TurnLoadResults {
  secondsPerLevel: number;
  levels: TurnLoadLevel[];
  /**
   * The same 50 admins at a human pace: each waits PACED_THINK_MS before its next message. In the
   * closed loop a turn's latency is mostly its wait behind the others (latency ≈ admins ÷ turns/s);
   * here the server is not saturated, so it is the turn's own time.
   */
  paced: TurnLoadLevel & { thinkMs: number };
  goals: { ratioAt50: number; p99At50Ms: number; ratioMet: boolean; p99Met: boolean; pacedP99At50Ms: number };
}

/** `extraEnv` goes to both servers (e.g. PGLITE_THREAD=main to compare where the database runs). */
export async function runTurnLoad(secondsPerLevel = 10, levels = LEVELS, extraEnv: Record<string, string> = {}): Promise<TurnLoadResults> {
  const env = { SEED_SAMPLE_INCIDENTS: 'false', RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000', LOG_LEVEL: 'warn', ...extraEnv };
  const fullDir = tempDataDir('full');
  const echoDir = tempDataDir('echo');
  const full = await startServer({ env: { ...env, DATA_DIR: fullDir.dir } });
  const echo = await startServer({ entry: 'tools/bench/echoServer.ts', env: { ...env, DATA_DIR: echoDir.dir } });
  const runId = `r${Date.now().toString(36)}`;
  try {
    // Warm-up: JIT, the database's caches, connection set-up. Not measured.
    await runLoad({ url: full.url, scenario: FULL_FLOW, concurrency: 10, durationMs: 3_000, runId: `${runId}-warm` });
    await runLoad({ url: echo.url, scenario: ECHO_FLOW, concurrency: 10, durationMs: 3_000, runId: `${runId}-warm` });
    const results: TurnLoadLevel[] = [];
    for (const concurrency of levels) {
      // Alternating the two at each level spreads other load on the machine evenly over both.
      const f = await runLoad({ url: full.url, scenario: FULL_FLOW, concurrency, durationMs: secondsPerLevel * 1000, runId: `${runId}-${concurrency}` });
      const e = await runLoad({ url: echo.url, scenario: ECHO_FLOW, concurrency, durationMs: secondsPerLevel * 1000, runId: `${runId}-${concurrency}` });
      results.push({ concurrency, full: f, echo: e, ratio: Math.round((f.turnsPerSecond / e.turnsPerSecond) * 100) / 100 });
    }
    const pacedRun = (url: string, scenario: typeof FULL_FLOW) =>
      runLoad({ url, scenario, concurrency: 50, thinkMs: PACED_THINK_MS, durationMs: Math.max(15, secondsPerLevel) * 1000, runId: `${runId}-paced` });
    const pacedFull = await pacedRun(full.url, FULL_FLOW);
    const pacedEcho = await pacedRun(echo.url, ECHO_FLOW);
    const at50 = results.find((r) => r.concurrency === 50);
    return {
      secondsPerLevel,
      levels: results,
      paced: { concurrency: 50, thinkMs: PACED_THINK_MS, full: pacedFull, echo: pacedEcho, ratio: Math.round((pacedFull.turnsPerSecond / pacedEcho.turnsPerSecond) * 100) / 100 },
      goals: {
        ratioAt50: at50?.ratio ?? Number.NaN,
        p99At50Ms: at50?.full.p99Ms ?? Number.NaN,
        ratioMet: (at50?.ratio ?? 0) >= 0.5,
        p99Met: (at50?.full.p99Ms ?? Infinity) < 50,
        pacedP99At50Ms: pacedFull.p99Ms,
      },
    };
  } finally {
    await full.stop();
    await echo.stop();
    fullDir.remove();
    echoDir.remove();
  }
}

export function turnLoadTable(results: TurnLoadResults): string {
  const rows = [...results.levels, results.paced].flatMap((l) =>
    [l.full, l.echo].map((r) => [
      r.thinkMs ? `${l.concurrency}, ${r.thinkMs / 1000} s pace` : String(l.concurrency),
      r.scenario,
      r.turnsPerSecond,
      r.p50Ms,
      r.p99Ms,
      r.maxMs,
      r.turns,
      r.flowsCompleted,
      r.errors,
      r === l.full ? `${l.ratio.toFixed(2)}` : '',
    ]),
  );
  return formatTable(['admins', 'bot', 'turns/s', 'p50 ms', 'p99 ms', 'max ms', 'turns', 'flows', 'errors', 'ratio'], rows);
}

if (process.argv[1]?.endsWith('turnLoad.bench.ts')) {
  const machine = machineInfo();
  const levels = process.argv.slice(3).map(Number);
  const results = await runTurnLoad(Number(process.argv[2] ?? 10), levels.length ? levels : LEVELS);
  console.log(turnLoadTable(results));
  console.log(`ratio at 50 admins ${results.goals.ratioAt50} (goal ≥ 0.5), p99 ${results.goals.p99At50Ms} ms (goal < 50 ms); at a 0.5 s pace p99 ${results.goals.pacedP99At50Ms} ms`);
  for (const l of [...results.levels, results.paced]) for (const r of [l.full, l.echo]) for (const s of r.errorSamples) console.log(`  error (${r.scenario}, ${l.concurrency}): ${s}`);
  console.log(`written to ${writeResults('turn-load', results, machine)}`);
}
