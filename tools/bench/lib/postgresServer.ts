import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './serverProcess.js';

/**
 * The PostgreSQL server a benchmark runs against: DATABASE_URL when set (left as it is), else a
 * throw-away server started with the CI script (.ci/start-postgres.sh: Debian's initdb and pg_ctl) and
 * removed afterwards. Undefined when neither is possible (no postgresql package): the caller skips.
 */
export interface BenchPostgres {
  url: string;
  /** A new empty schema's URL, so runs never see each other's data. */
  freshSchemaUrl(name: string): Promise<string>;
  stop(): void;
}

export function postgresAvailable(): boolean {
  if (process.env.DATABASE_URL) return true;
  return existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')));
}

export async function startBenchPostgres(): Promise<BenchPostgres | undefined> {
  let url = process.env.DATABASE_URL;
  let dir: string | undefined;
  if (!url) {
    if (!postgresAvailable()) return undefined;
    const out = execFileSync('bash', [join(repoRoot, '.ci/start-postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    url = /TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
    dir = /PGTEST_DIR=(\S+)/.exec(out)?.[1];
    if (!url) throw new Error(`could not start a throw-away PostgreSQL server:\n${out}`);
  }
  const pg = await import('pg');
  const base = url;
  return {
    url: base,
    async freshSchemaUrl(name) {
      const client = new pg.default.Client({ connectionString: base });
      await client.connect();
      const schema = `bench_${name}_${Date.now().toString(36)}`;
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.end();
      const u = new URL(base);
      u.searchParams.set('options', `-c search_path=${schema}`);
      return u.toString();
    },
    stop() {
      if (!dir) return;
      const bindir = readdirSync('/usr/lib/postgresql').sort().map((v) => join('/usr/lib/postgresql', v, 'bin')).pop()!;
      const run = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
      try {
        execFileSync(run[0] ?? join(bindir, 'pg_ctl'), [...run.slice(1), ...(run.length ? [join(bindir, 'pg_ctl')] : []), '-D', join(dir, 'data'), '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
