import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The assistant as a real child process, started exactly as `npm start` starts it (the compiled
 * dist/src/main.js with the start script's Node flags and environment). Shared by the tests that kill
 * and restart the server and by the benchmarks; imports nothing from vitest so both can use it.
 */

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

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

/** How `npm start` runs the assistant, read from package.json: `... && [NAME=value ...] node [flags] dist/.../main.js`. */
export interface StartCommand {
  env: Record<string, string>;
  nodeArgs: string[];
  entry: string;
}

export function npmStartCommand(): StartCommand {
  const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts.start!.split('&&').at(-1)!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name, value] = words.shift()!.split('=') as [string, string];
    env[name] = value;
  }
  if (words.shift() !== 'node') throw new Error(`package.json's start script does not end in "node ...": ${scripts.start}`);
  return { env, nodeArgs: words.slice(0, -1), entry: words.at(-1)! };
}

/**
 * Runs `npm run build` (src/ and dialogs/ compiled under dist/), so what the tests and benchmarks start
 * is built exactly as `npm start` builds it. Extra TypeScript entry points (a benchmark's echo bot) are
 * compiled in the same run, to the same place under dist/ (bench/echoServer.ts → dist/bench/echoServer.js).
 */
export function buildDist(extraEntries: string[] = []): void {
  const build = spawnSync('npm', ['run', '--silent', 'build', '--', ...extraEntries], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

/** Where buildDist puts a TypeScript entry point. */
export const compiledPath = (entry: string): string => join('dist', entry.replace(/\.ts$/, '.js'));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
  /** From spawn to the first 200 from /ready. */
  readyMs: number;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** A compiled entry point under dist/ instead of npm start's. */
  entry?: string;
  timeoutMs?: number;
}

/** Spawns the compiled server (run buildDist first) and resolves once /ready answers 200. */
export async function spawnCompiledServer({ env = {}, entry, timeoutMs = 30_000 }: SpawnOptions = {}): Promise<ServerProcess> {
  const start = npmStartCommand();
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...start.nodeArgs, entry ?? start.entry], {
    cwd: repoRoot,
    env: { ...process.env, ...start.env, PORT: String(port), HOST: '127.0.0.1', SEED_SAMPLE_INCIDENTS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let done = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => ((done = true), resolve(code))));
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + timeoutMs;
  while (performance.now() < deadline && !done) {
    try {
      const res = await fetch(`${url}/ready`);
      await res.arrayBuffer();
      if (res.ok) {
        return {
          child,
          url,
          pid: child.pid!,
          output: () => out,
          exited,
          readyMs: performance.now() - started,
          async stop() {
            if (done) return;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
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
  throw new Error(`${entry ?? start.entry} did not become ready within ${timeoutMs} ms:\n${out}`);
}

/** Runs the compiled server expecting it to exit (bad configuration, locked folder). */
export async function runServerExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const start = npmStartCommand();
  const child = spawn(process.execPath, [...start.nodeArgs, start.entry], {
    cwd: repoRoot,
    env: { ...process.env, ...start.env, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}
