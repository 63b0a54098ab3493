import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Where `npm run bench` writes its JSON (gitignored, except .gitkeep). */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMB: number;
  freeMemoryMB: number;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews figures. */
  loadAverage: number[];
  date: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${release()}`,
    totalMemoryMB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMB: Math.round(freemem() / 2 ** 20),
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    date: new Date().toISOString(),
  };
}

/** Writes tools/bench/results/<name>.json with the machine it ran on; returns the path. */
export function writeResults(name: string, results: unknown, machine: MachineInfo = machineInfo()): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}${name}.json`;
  writeFileSync(file, `${JSON.stringify({ benchmark: name, machine, results }, null, 2)}\n`);
  return file;
}
