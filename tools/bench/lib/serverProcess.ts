import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDist, compiledPath, spawnCompiledServer, type ServerProcess } from '../../../test/helpers/serverProcess.js';

export { repoRoot } from '../../../test/helpers/serverProcess.js';

/** A server under test as its own process, so the load driver does not share its event loop. */
export type BenchServer = ServerProcess;

export interface StartOptions {
  /**
   * A TypeScript entry point relative to the repository root (the echo bot), compiled beside the
   * assistant and run with the same flags. Default: what `npm start` runs.
   */
  entry?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function tempDataDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `sa-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The server as `npm start` runs it, freshly built by `npm run build` (with `entry`, when given). */
export async function startServer({ entry, env = {}, timeoutMs = 90_000 }: StartOptions = {}): Promise<BenchServer> {
  buildDist(entry ? [entry] : []);
  return spawnCompiledServer({ env: { LOG_LEVEL: 'warn', ...env }, entry: entry && compiledPath(entry), timeoutMs });
}

/** Resident memory of a process (VmRSS), in MB. */
export function residentMemoryMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}
