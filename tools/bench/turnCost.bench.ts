// The hot path, turn by turn: SQL statements, bot-state reads and writes, bytes of state written, the
// JavaScript heap allocated (bytes and allocations, lib/allocations.ts) and time for each step of the full flow, with the real server in this process on an embedded database
// (one conversation at a time, so each figure belongs to one turn). Transcript rows, written after
// the turn, are counted with the turn that caused them.
// `npx tsx tools/bench/turnCost.bench.ts [conversations]` runs it alone; it also lists where the allocations come from.
import { loadConfig } from '../../src/config.js';
import { startApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/storage/index.js';
import { countingDb, emptyCounters, type DbCounters } from './lib/countingDb.js';
import { FULL_FLOW, messageActivity, replyText } from './lib/flows.js';
import { createPoster } from './lib/httpPost.js';
import { machineInfo, writeResults } from './lib/results.js';
import { allocationSampler } from './lib/allocations.js';
import { tempDataDir } from './lib/serverProcess.js';
import { summarizeLatencies } from './lib/stats.js';
import { formatTable } from './lib/table.js';

export interface StepCost {
  step: string;
  statements: number;
  transactions: number;
  stateReads: number;
  stateWrites: number;
  stateBytesWritten: number;
  /** JavaScript heap allocated during the turn (the server's and the bench's HTTP client's, which is small beside it). */
  kbAllocated: number;
  /** Allocations during the turn (a lower bound of objects: see lib/allocations.ts). */
  allocations: number;
  p50Ms: number;
}

export interface TurnCostResults {
  conversations: number;
  steps: StepCost[];
  perTurn: Omit<StepCost, 'step' | 'p50Ms'> & { meanMs: number; p50Ms: number; p99Ms: number };
  /** Statements of the whole flow by kind, e.g. "SELECT bot_state". */
  statementsPerFlow: Record<string, number>;
  /** The same, for the flow's heaviest step (filing the request). */
  heaviestStep: { step: string; statements: Record<string, number> };
  /** Where the flow's allocations come from: KB per flow by function, the largest first. */
  allocatedBy: Record<string, number>;
}

export async function runTurnCost(conversations = 20): Promise<TurnCostResults> {
  const data = tempDataDir('cost');
  const counters = emptyCounters();
  const raw = await openDatabase({ DATA_DIR: data.dir });
  const db = countingDb(raw, counters);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_SAMPLE_INCIDENTS: 'false', RATE_LIMIT_BURST: '100000' });
  const app = await startApp(config, createLogger('silent'), { db });
  const poster = createPoster(app.url, 1);
  const perStep = FULL_FLOW.steps.map(() => ({ ...emptyCounters(), times: [] as number[], bytes: 0, objects: 0 }));
  const sampler = await allocationSampler();
  const allocatedBy = new Map<string, number>();
  const flowTotals = new Map<string, number>();
  const stepTotals = FULL_FLOW.steps.map(() => new Map<string, number>());
  // Transcript writes are queued after the turn: a short pause lets them land before the next reading.
  const settle = () => new Promise((r) => setTimeout(r, 5));
  try {
    for (let c = -3; c < conversations; c++) {
      let ticket = '';
      for (const [i, step] of FULL_FLOW.steps.entries()) {
        const before: DbCounters = { ...counters, byStatement: new Map(counters.byStatement) };
        // Allocations are sampled on every other conversation, times taken on the others (sampling slows a turn).
        const sampled = c % 2 === 0;
        if (sampled) await sampler.start();
        const t0 = performance.now();
        const res = await poster.post('/api/messages', messageActivity('sms', `cost-${c}`, step.text.replace('{ticket}', ticket)));
        const ms = performance.now() - t0;
        await settle();
        const allocated = sampled ? await sampler.stop() : undefined;
        const match = step.expect.exec(replyText(res.text));
        if (!match) throw new Error(`step "${step.text}" got an unexpected answer: ${res.text.slice(0, 300)}`);
        if (match[1]) ticket = match[1];
        if (c < 0) continue; // warm-up conversations
        const into = perStep[i]!;
        for (const k of ['statements', 'transactions', 'stateReads', 'stateWrites', 'stateBytesWritten'] as const) into[k] += counters[k] - before[k];
        if (!allocated) {
          into.times.push(ms);
        } else {
          into.bytes += allocated.bytes;
          into.objects += allocated.objects;
          for (const [name, bytes] of allocated.byFunction) allocatedBy.set(name, (allocatedBy.get(name) ?? 0) + bytes);
        }
        for (const [label, n] of counters.byStatement) {
          const added = n - (before.byStatement.get(label) ?? 0);
          flowTotals.set(label, (flowTotals.get(label) ?? 0) + added);
          stepTotals[i]!.set(label, (stepTotals[i]!.get(label) ?? 0) + added);
        }
      }
    }
  } finally {
    sampler.close();
    poster.close();
    await app.close();
    await db.close();
    data.remove();
  }
  const sampledConversations = Math.ceil(conversations / 2);
  const per = (n: number) => Math.round((n / conversations) * 10) / 10;
  const steps: StepCost[] = FULL_FLOW.steps.map((s, i) => {
    const c = perStep[i]!;
    return {
      step: s.text,
      statements: per(c.statements),
      transactions: per(c.transactions),
      stateReads: per(c.stateReads),
      stateWrites: per(c.stateWrites),
      stateBytesWritten: Math.round(c.stateBytesWritten / conversations),
      kbAllocated: Math.round(c.bytes / sampledConversations / 1024),
      allocations: Math.round(c.objects / sampledConversations),
      p50Ms: summarizeLatencies(c.times).p50Ms,
    };
  });
  const turns = steps.length;
  const sum = (k: keyof Omit<StepCost, 'step' | 'p50Ms'>) => Math.round((steps.reduce((s, x) => s + x[k], 0) / turns) * 10) / 10;
  const all = summarizeLatencies(perStep.flatMap((s) => s.times));
  const byKind = (totals: Map<string, number>) =>
    Object.fromEntries([...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, per(n)]));
  const heaviest = steps.reduce((h, s, i) => (s.statements > steps[h]!.statements ? i : h), 0);
  return {
    conversations,
    steps,
    perTurn: {
      statements: sum('statements'),
      transactions: sum('transactions'),
      stateReads: sum('stateReads'),
      stateWrites: sum('stateWrites'),
      stateBytesWritten: Math.round(sum('stateBytesWritten')),
      kbAllocated: Math.round(sum('kbAllocated')),
      allocations: Math.round(sum('allocations')),
      meanMs: all.meanMs,
      p50Ms: all.p50Ms,
      p99Ms: all.p99Ms,
    },
    statementsPerFlow: byKind(flowTotals),
    heaviestStep: { step: steps[heaviest]!.step, statements: byKind(stepTotals[heaviest]!) },
    allocatedBy: Object.fromEntries([...allocatedBy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => [k, Math.round(n / sampledConversations / 1024)])),
  };
}

export function turnCostTable(r: TurnCostResults): string {
  const row = (name: string, s: Omit<StepCost, 'step'>) => [name, s.statements, s.transactions, s.stateReads, s.stateWrites, s.stateBytesWritten, s.kbAllocated, s.allocations, s.p50Ms];
  const rows = r.steps.map((s) => row(s.step.slice(0, 40), s));
  rows.push(row('per turn (mean)', r.perTurn));
  return formatTable(['step', 'SQL statements', 'transactions', 'state keys read', 'state keys written', 'state bytes written', 'KB allocated', 'allocations', 'p50 ms'], rows);
}

if (process.argv[1]?.endsWith('turnCost.bench.ts')) {
  const machine = machineInfo();
  const results = await runTurnCost(Number(process.argv[2] ?? 20));
  console.log(turnCostTable(results));
  console.log('statements per flow:', results.statementsPerFlow);
  console.log(`statements of "${results.heaviestStep.step}":`, results.heaviestStep.statements);
  console.log('KB allocated per flow, by function:', results.allocatedBy);
  console.log(`written to ${writeResults('turn-cost', results, machine)}`);
}
