import { PGlite } from '@electric-sql/pglite';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../helpers/testApp.js';

function webhooksCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/cli/webhooks.ts', ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run webhooks', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sa-webhooks-cli-'));
  const env = { DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  beforeAll(async () => {
    const pg = new PGlite(join(dataDir, 'pglite'), { loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await pg.waitReady;
    await pg.close();
  });

  it('adds (secret once), lists, turns off, rotates and removes an endpoint; refuses bad input with the reason', async () => {
    const added = await webhooksCommand(['add', 'https://20.190.128.1/hooks', '--events', 'ticket.created,ticket.closed', '--description', 'Zendesk', '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    const endpoint = JSON.parse(added.stdout) as { id: string; secret: string; events: string[] };
    expect(endpoint).toMatchObject({ events: ['ticket.created', 'ticket.closed'], secret: expect.stringMatching(/^whsec_/) });

    const list = await webhooksCommand(['list'], env);
    expect(list.stdout).toMatch(new RegExp(`^ID\\s+URL\\s+EVENTS\\s+STATE\\n${endpoint.id}\\s+https://20.190.128.1/hooks\\s+ticket.created,ticket.closed\\s+on\\n$`));
    expect(list.stdout).not.toContain(endpoint.secret);
    expect((await webhooksCommand(['disable', endpoint.id], env)).stdout).toMatch(/is off/);
    expect((await webhooksCommand(['list'], env)).stdout).toMatch(/off \(turned off by a manager\)/);
    expect((await webhooksCommand(['rotate-secret', endpoint.id], env)).stdout).toMatch(/whsec_/);
    expect((await webhooksCommand(['deliveries', '--dead'], env)).stdout).toBe('No deliveries.\n');
    expect(await webhooksCommand(['replay', '42'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/not a dead letter/) });
    expect((await webhooksCommand(['remove', endpoint.id], env)).stdout).toMatch(/Removed/);
    expect(await webhooksCommand(['remove', endpoint.id], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/No webhook endpoint/) });

    expect(await webhooksCommand(['add', 'http://helpdesk.example.com/', '--events', 'ticket.created'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Not added: The URL must start with https:\/\//) });
    expect(await webhooksCommand(['add', 'https://10.0.0.5/', '--events', 'ticket.created'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/private, loopback or reserved/) });
    expect(await webhooksCommand(['add', 'https://20.190.128.1/', '--events', 'ticket.burned'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Not added: events/) });
    expect(await webhooksCommand(['add', 'https://20.190.128.1/'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Give the URL and the event types/) });
    expect(await webhooksCommand(['frobnicate'], env)).toMatchObject({ code: 1, stderr: expect.stringMatching(/Unknown command/) });
  }, 60_000);
});
