import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A server under test as its own process, so the load driver does not share its event loop. */
export interface BenchServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** From spawn to the first 200 from /ready. */
  readyMs: number;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Entry point relative to the repository root. Default src/main.ts (what `npm start` runs). */
  entry?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  timeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function tempDataDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `sa-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startServer({ entry = 'src/main.ts', env = {}, nodeArgs = [], timeoutMs = 90_000 }: StartOptions = {}): Promise<BenchServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--disable-warning=DEP0111', '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_SAMPLE_INCIDENTS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + timeoutMs;
  while (performance.now() < deadline && !exited) {
    try {
      const res = await fetch(`${url}/ready`);
      await res.arrayBuffer();
      if (res.ok) {
        const readyMs = performance.now() - started;
        return {
          url,
          pid: child.pid!,
          child,
          readyMs,
          output: () => out,
          async stop() {
            if (exited) return;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exit;
            clearTimeout(timer);
          },
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`${entry} did not become ready within ${timeoutMs} ms:\n${out}`);
}

/** Resident memory of a process (VmRSS), in MB. */
export function residentMemoryMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return Math.round((kb / 1024) * 10) / 10;
}
