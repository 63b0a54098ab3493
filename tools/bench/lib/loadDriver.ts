import { createPoster } from './httpPost.js';
import { messageActivity, replyText, type Scenario } from './flows.js';
import { summarizeLatencies, type LatencySummary } from './stats.js';

/**
 * Closed-loop load: N virtual admins, each with its own conversation, each posting the next message
 * of its flow as soon as the previous answer arrived (no think time), starting a fresh conversation
 * when a flow ends, until the time is up. Every answer is checked, so a fast wrong answer counts as an
 * error, not as throughput.
 */

export interface LoadOptions {
  url: string;
  scenario: Scenario;
  concurrency: number;
  durationMs: number;
  /**
   * Mean pause between one admin's messages (0: closed loop, the server's saturation point). Each pause
   * is drawn between half and one and a half times this, and each admin starts at a random moment in
   * the first pause, so the admins do not all send in step.
   */
  thinkMs?: number;
  /** Distinguishes conversation ids between runs against the same database. */
  runId: string;
}

export interface LoadResult extends LatencySummary {
  scenario: string;
  concurrency: number;
  thinkMs: number;
  seconds: number;
  turns: number;
  turnsPerSecond: number;
  flowsCompleted: number;
  errors: number;
  /** A few error descriptions, for a person to read. */
  errorSamples: string[];
  /** The slowest turns: which message, when it was sent (s after the start) and how long it took. */
  slowest: Array<{ text: string; atS: number; ms: number }>;
}

export async function runLoad({ url, scenario, concurrency, durationMs, thinkMs = 0, runId }: LoadOptions): Promise<LoadResult> {
  const poster = createPoster(url, concurrency);
  await poster.connect('/health', concurrency);
  const latencies: number[] = [];
  const slowest: LoadResult['slowest'] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let flowsCompleted = 0;
  const started = performance.now();
  const end = started + durationMs;
  const fail = (what: string) => {
    errors += 1;
    if (errorSamples.length < 5) errorSamples.push(what.slice(0, 300));
  };

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function admin(index: number): Promise<void> {
    if (thinkMs > 0) await pause(Math.random() * thinkMs);
    for (let flow = 0; performance.now() < end; flow++) {
      const conversationId = `${runId}-${index}-${flow}`;
      let ticket = '';
      let ok = true;
      for (const step of scenario.steps) {
        if (performance.now() >= end) return;
        const text = step.text.replace('{ticket}', ticket);
        const t0 = performance.now();
        let reply: string;
        try {
          const res = await poster.post('/api/messages', messageActivity(scenario.channelId, conversationId, text));
          const ms = performance.now() - t0;
          latencies.push(ms);
          if (slowest.length < 5 || ms > slowest.at(-1)!.ms) {
            slowest.push({ text: text.slice(0, 40), atS: Math.round((t0 - started) / 100) / 10, ms: Math.round(ms) });
            slowest.sort((a, b) => b.ms - a.ms).splice(5);
          }
          if (res.status !== 200) {
            fail(`HTTP ${res.status} to "${text}": ${res.text}`);
            ok = false;
            break;
          }
          reply = replyText(res.text);
        } catch (err) {
          fail(`"${text}": ${(err as Error).message}`);
          ok = false;
          break;
        }
        const match = step.expect.exec(reply);
        if (!match) {
          fail(`"${text}" was answered "${reply.slice(0, 200)}"`);
          ok = false;
          break;
        }
        if (match[1]) ticket = match[1];
        if (thinkMs > 0) await pause(thinkMs * (0.5 + Math.random()));
      }
      if (ok) flowsCompleted += 1;
    }
  }

  await Promise.all(Array.from({ length: concurrency }, (_, i) => admin(i)));
  const seconds = (performance.now() - started) / 1000;
  poster.close();
  return {
    scenario: scenario.name,
    concurrency,
    thinkMs,
    seconds: Math.round(seconds * 100) / 100,
    turns: latencies.length,
    turnsPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    flowsCompleted,
    errors,
    errorSamples,
    slowest,
    ...summarizeLatencies(latencies),
  };
}
