import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAgentStore } from '../../src/agents/agentStore.js';
import { lockDataDir } from '../../src/storage/dataDirLock.js';
import { repoRoot } from '../helpers/testApp.js';
import { describePostgres, postgresSchema } from '../handoff/helpers.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The agent command as an operator runs it, in a child process with its own environment. */
function agentCommand(args: string[], env: Record<string, string>, viaNpm = false): Promise<Run> {
  const [command, argv] = viaNpm ? ['npm', ['run', '--silent', 'agent', '--', ...args]] : [process.execPath, ['--import', 'tsx', 'tools/cli/agent.ts', ...args]];
  const child = spawn(command, argv, { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run agent (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sa-agent-cli-'));
  const env = { DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  beforeAll(async () => {
    // A data folder as the server leaves it (migrated), from the suite's template: initialising one
    // from scratch is what takes a first start several seconds.
    const pg = new PGlite(join(dataDir, 'pglite'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pg.waitReady;
    await pg.close();
  });

  it('adds, lists and removes an agent, printing the token only when it is created', async () => {
    const added = await agentCommand(['add', 'Jamie', 'Rivera'], env, true);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added agent-1 \(Jamie Rivera\)\./);
    const token = /^ {2}([A-Za-z0-9_-]{43})$/m.exec(added.stdout)?.[1];
    expect(token).toBeDefined();
    expect(added.stdout).toMatch(/shown only this once/);

    const list = await agentCommand(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+NAME\s+ROLE\s+ADDED\s+LAST SEEN\s+STATUS\nagent-1\s+Jamie Rivera\s+agent\s+\d{4}-\d\d-\d\d\s+never\s+offline\n$/);
    expect(list.stdout).not.toContain(token!);

    const removed = await agentCommand(['remove', 'agent-1'], env);
    expect(removed).toMatchObject({
      code: 0,
      stdout:
        'Removed agent-1 (Jamie Rivera); their token no longer works.\n' +
        'Consoles they have open are signed out at their next event or keep-alive (within 25 seconds), on every instance.\n',
    });
    // `revoke` is the same command.
    expect((await agentCommand(['add', 'Robin', 'Park'], env)).code).toBe(0);
    expect(await agentCommand(['revoke', 'agent-2'], env)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Removed agent-2 \(Robin Park\); their token no longer works\./) });
  }, 60_000);

  it('refuses plainly, changing nothing, while the running assistant holds the data folder', async () => {
    const release = lockDataDir(dataDir); // this test process stands in for the running server
    try {
      const run = await agentCommand(['add', 'Sam'], env);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `The assistant is running (pid ${process.pid}) and holds ${dataDir}; stop it first, or use DATABASE_URL (a PostgreSQL server) so the assistant and this command can share the database. Nothing was changed.`,
      );
      expect(run.stdout).toBe('');
    } finally {
      release();
    }
  }, 30_000);

  it("adds a manager, and changes an agent's role", async () => {
    const added = await agentCommand(['add', 'Morgan', 'Lee', '--manager'], env);
    expect(added.code).toBe(0);
    const id = /^Added (agent-\d+) \(Morgan Lee\), a manager\./.exec(added.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await agentCommand(['role', id!, 'agent'], env)).stdout).toBe(`${id} is now an agent.\n`);
    const list = JSON.parse((await agentCommand(['list', '--json'], env)).stdout) as Array<{ id: string; role: string }>;
    expect(list.find((a) => a.id === id)?.role).toBe('agent');
    expect(await agentCommand(['role', id!, 'boss'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('role agent-1 manager') });
    expect(await agentCommand(['role', 'agent-999', 'manager'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('No agent with id "agent-999"') });
    expect((await agentCommand(['remove', id!], env)).code).toBe(0);
  });

  it('explains how to use it when the command is missing or unknown (exit 1)', async () => {
    const [none, unknown] = await Promise.all([agentCommand([], env), agentCommand(['promote', 'agent-1'], env)]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^usage: npm run agent -- add "Full Name"/);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Unknown command "promote"\.\nusage:/);
  }, 30_000);
});

describePostgres('npm run agent with DATABASE_URL', (serverUrl) => {
  it('works beside running servers and creates an agent whose token signs in', async () => {
    const database = await postgresSchema(serverUrl);
    try {
      const run = await agentCommand(['add', 'Jamie Rivera', '--json'], { DATABASE_URL: database.url, DATA_DIR: '/nonexistent' });
      expect(run.code).toBe(0);
      const { token } = JSON.parse(run.stdout);
      expect(await createAgentStore(database.db).authenticate(token)).toMatchObject({ name: 'Jamie Rivera' });
    } finally {
      await database.drop();
    }
  }, 30_000);
});
