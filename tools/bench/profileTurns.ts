// Where a turn's time goes: the full flow under load (closed loop, N admins) against the server in this
// process, with V8's sampling profiler running, summarised by origin (a package, the project's folders,
// node internals, garbage collection) and by function. Not part of `npm run bench`.
//   npx tsx bench/profileTurns.ts [admins=50] [seconds=6]
// The profile is written to tools/bench/results/turns.cpuprofile.json (gitignored; load it in Chrome DevTools'
// Performance panel, or rename it to .cpuprofile for VS Code's flame chart).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/index.js';
import { summarizeProfile } from './lib/cpuProfile.js';
import { FULL_FLOW } from './lib/flows.js';
import { runLoad } from './lib/loadDriver.js';
import { RESULTS_DIR } from './lib/results.js';
import { tempDataDir } from './lib/serverProcess.js';

const admins = Number(process.argv[2] ?? 50);
const seconds = Number(process.argv[3] ?? 6);
const data = tempDataDir('profile');
const db = await openDatabase({ DATA_DIR: data.dir });
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_SAMPLE_INCIDENTS: 'false', RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' });
const app = await startApp(config, createLogger('silent'), { db });
try {
  await runLoad({ url: app.url, scenario: FULL_FLOW, concurrency: 10, durationMs: 3000, runId: 'warm' });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const load = await runLoad({ url: app.url, scenario: FULL_FLOW, concurrency: admins, durationMs: seconds * 1000, runId: 'profiled' });
  const { profile } = await session.post('Profiler.stop');
  const file = `${RESULTS_DIR}turns.cpuprofile.json`;
  writeFileSync(file, JSON.stringify(profile));
  const summary = summarizeProfile(file, 25);
  console.log(`${admins} admins, ${load.turnsPerSecond} turns/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms (the load driver runs in this process too: see bench/lib)`);
  console.log(`profiled ${summary.totalMs.toFixed(0)} ms of CPU time, by origin:`);
  for (const o of summary.byOrigin.slice(0, 15)) console.log(`${o.ms.toFixed(0).padStart(7)} ms  ${((o.ms / summary.totalMs) * 100).toFixed(1).padStart(5)}%  ${o.origin}`);
  console.log('\nby function:');
  for (const f of summary.byFunction) console.log(`${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`);
  console.log(`\nprofile written to ${file}`);
} finally {
  await app.close();
  await db.close();
  data.remove();
}
