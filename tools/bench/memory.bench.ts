// Resident memory of the server (a child process on an embedded database) with 1,000 active
// conversations, each left mid-flow after a few turns (greeting, admin check, problem, "not solved":
// the point where it waits for the severity answer). Goal: under 250 MB.
// `npx tsx bench/memory.bench.ts [conversations]` runs it alone.
import { FULL_FLOW, messageActivity, replyText } from './lib/flows.js';
import { createPoster } from './lib/httpPost.js';
import { machineInfo, writeResults } from './lib/results.js';
import { residentMemoryMB, startServer, tempDataDir } from './lib/serverProcess.js';
import { formatTable } from './lib/table.js';

export interface MemoryResults {
  conversations: number;
  turnsPerConversation: number;
  idleRssMB: number;
  loadedRssMB: number;
  /** After the load, once the garbage collector had a chance to run. */
  settledRssMB: number;
  /** process_resident_memory_bytes from /metrics, as Prometheus would see it. */
  metricsRssMB: number;
  /** Where it goes, from /metrics: JavaScript heap in use and total, and memory outside the heap (mostly the embedded database's WebAssembly memory). */
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  errors: number;
  goalMB: number;
  met: boolean;
}

const TURNS = 4;

export async function runMemory(conversations = 1000, concurrency = 50, extraEnv: Record<string, string> = {}): Promise<MemoryResults> {
  const data = tempDataDir('memory');
  const env = { DATA_DIR: data.dir, RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000', ...extraEnv };
  // Measured on a restart, as in production: the first start also creates the database (initdb), which
  // leaves its memory with the process.
  await (await startServer({ env })).stop();
  const server = await startServer({ env });
  const poster = createPoster(server.url, concurrency);
  let errors = 0;
  try {
    await poster.connect('/health', concurrency);
    const idleRssMB = residentMemoryMB(server.pid);
    let next = 0;
    let loadedRssMB = idleRssMB;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let c = next++; c < conversations; c = next++) {
          for (const step of FULL_FLOW.steps.slice(0, TURNS)) {
            const res = await poster.post('/api/messages', messageActivity('sms', `mem-${c}`, step.text));
            if (res.status !== 200 || !step.expect.test(replyText(res.text))) errors += 1;
          }
          if (c % 100 === 0) loadedRssMB = Math.max(loadedRssMB, residentMemoryMB(server.pid));
        }
      }),
    );
    loadedRssMB = Math.max(loadedRssMB, residentMemoryMB(server.pid));
    await new Promise((r) => setTimeout(r, 2000));
    const settledRssMB = residentMemoryMB(server.pid);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const mb = (name: string) => Math.round((Number(new RegExp(`^support_assistant_${name} (\\d+)`, 'm').exec(metrics)?.[1]) / 2 ** 20) * 10) / 10;
    const peak = Math.max(loadedRssMB, settledRssMB);
    return {
      conversations,
      turnsPerConversation: TURNS,
      idleRssMB,
      loadedRssMB,
      settledRssMB,
      metricsRssMB: mb('process_resident_memory_bytes'),
      heapUsedMB: mb('nodejs_heap_size_used_bytes'),
      heapTotalMB: mb('nodejs_heap_size_total_bytes'),
      externalMB: mb('nodejs_external_memory_bytes'),
      errors,
      goalMB: 250,
      met: peak < 250,
    };
  } finally {
    poster.close();
    await server.stop();
    data.remove();
  }
}

export function memoryTable(r: MemoryResults): string {
  return formatTable(
    ['resident memory (VmRSS)', 'MB'],
    [
      ['idle, after start-up', r.idleRssMB],
      [`peak while ${r.conversations} conversations ran ${r.turnsPerConversation} turns each`, r.loadedRssMB],
      ['2 s later (all conversations still active)', r.settledRssMB],
      ['/metrics support_assistant_process_resident_memory_bytes', r.metricsRssMB],
      ['  of which JavaScript heap in use / total', `${r.heapUsedMB} / ${r.heapTotalMB}`],
      ['  of which outside the heap (database WebAssembly memory, buffers)', r.externalMB],
    ],
  );
}

if (process.argv[1]?.endsWith('memory.bench.ts')) {
  const machine = machineInfo();
  const results = await runMemory(Number(process.argv[2] ?? 1000));
  console.log(memoryTable(results));
  if (results.errors) console.log(`${results.errors} unexpected answers`);
  console.log(`written to ${writeResults('memory', results, machine)}`);
}
