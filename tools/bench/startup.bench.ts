// Start-up: time from spawning the compiled server the way `npm start` runs it (after its build step) to the first 200
// from /ready, on a data folder that already exists (created and migrated by a first start that is not
// counted). Median of 3 runs. Goal: under 3 s.
// `npx tsx bench/startup.bench.ts [runs]` runs it alone.
import { machineInfo, writeResults } from './lib/results.js';
import { startServer, tempDataDir } from './lib/serverProcess.js';
import { median } from './lib/stats.js';
import { formatTable } from './lib/table.js';

export interface StartupResults {
  firstStartMs: number;
  runsMs: number[];
  medianMs: number;
  goalMs: number;
  met: boolean;
}

export async function runStartup(runs = 3, extraEnv: Record<string, string> = {}): Promise<StartupResults> {
  const data = tempDataDir('startup');
  try {
    const env = { DATA_DIR: data.dir, SEED_SAMPLE_INCIDENTS: 'true', ...extraEnv };
    const first = await startServer({ env });
    await first.stop();
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const server = await startServer({ env });
      runsMs.push(Math.round(server.readyMs));
      await server.stop();
    }
    const medianMs = median(runsMs);
    return { firstStartMs: Math.round(first.readyMs), runsMs, medianMs, goalMs: 3000, met: medianMs < 3000 };
  } finally {
    data.remove();
  }
}

export function startupTable(r: StartupResults): string {
  return formatTable(
    ['start-up to /ready', 'ms'],
    [
      ['new data folder (initdb, migrations, seed)', r.firstStartMs],
      ...r.runsMs.map((ms, i): [string, number] => [`existing data folder, run ${i + 1}`, ms]),
      ['existing data folder, median (goal < 3000)', r.medianMs],
    ],
  );
}

if (process.argv[1]?.endsWith('startup.bench.ts')) {
  const machine = machineInfo();
  const results = await runStartup(Number(process.argv[2] ?? 3));
  console.log(startupTable(results));
  console.log(`written to ${writeResults('startup', results, machine)}`);
}
