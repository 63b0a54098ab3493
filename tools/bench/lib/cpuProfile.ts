import { readFileSync } from 'node:fs';

/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by function and by where the code comes
 * from (a package under node_modules, the project's own folders, node internals), which is what
 * decides where a hot path can be made cheaper.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byOrigin: Array<{ origin: string; ms: number }>;
  byFunction: Array<{ name: string; ms: number }>;
}

export function originOf(url: string): string {
  if (!url) return '(native / gc / idle)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/work\/main\/([^/]+\/[^/]+)/.exec(url) ?? /\/(src|dialogs|bench|test)\/([^/]+)/.exec(url);
  return own ? own[0].replace(/^\/work\/main\//, '') : url;
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const origins = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const origin = frame.functionName === '(idle)' ? '(idle)' : originOf(frame.url);
    origins.set(origin, (origins.get(origin) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    byOrigin: sorted(origins).map(([origin, us]) => ({ origin, ms: us / 1000 })),
    byFunction: sorted(functions).map(([name, us]) => ({ name, ms: us / 1000 })),
  };
}

// `tsx bench/lib/cpuProfile.ts file.cpuprofile`: prints the summary.
if (process.argv[1]?.endsWith('cpuProfile.ts') && process.argv[2]) {
  const s = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total ${s.totalMs.toFixed(0)} ms`);
  for (const o of s.byOrigin) console.log(`${o.ms.toFixed(1).padStart(9)} ms  ${o.origin}`);
  console.log('');
  for (const f of s.byFunction) console.log(`${f.ms.toFixed(1).padStart(9)} ms  ${f.name}`);
}
