import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { freePort, runServerExpectingExit, spawnServer, type ServerProcess } from '../helpers/testApp.js';

const texts = (r: { replies: Parameters<typeof visibleText>[0][] }) => r.replies.map(visibleText).join('\n');

const dataDir = mkdtempSync(join(tmpdir(), 'sa-process-'));
const running: ServerProcess[] = [];

afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the real server process', () => {
  it('continues a conversation at the same step after a restart', async () => {
    const first = await spawnServer({ DATA_DIR: dataDir });
    running.push(first);
    expect(texts(await postActivity(first.url, messageActivity('restart-1', 'hello')))).toMatch(/what's going wrong/i);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await spawnServer({ DATA_DIR: dataDir });
    running.push(second);
    // The next message is taken as the answer to the pending question: the problem description.
    expect(texts(await postActivity(second.url, messageActivity('restart-1', 'our intranet sharepoint site is down for everyone')))).toMatch(
      /Did this solve it/,
    );

    // A second process on the same data folder refuses instead of corrupting it.
    const blocked = await runServerExpectingExit({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(blocked.code).toBe(1);
    expect(blocked.output).toMatch(/data folder .* is in use by another process/);
    second.child.kill('SIGTERM');
    await second.exited;
  }, 90_000);

  it('takes over the lock left by a process killed with SIGKILL', async () => {
    const killed = await spawnServer({ DATA_DIR: dataDir });
    running.push(killed);
    await postActivity(killed.url, messageActivity('restart-2', 'hello'));
    killed.child.kill('SIGKILL');
    await killed.exited;

    const next = await spawnServer({ DATA_DIR: dataDir });
    running.push(next);
    expect(texts(await postActivity(next.url, messageActivity('restart-2', 'none of our users can join teams meetings')))).toMatch(/Did this solve it/);
    next.child.kill('SIGTERM');
    await next.exited;
  }, 90_000);

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be a number \(got "abc"\)$/m],
    [{ PORT: '70000' }, /^Invalid configuration: PORT must be 0-65535/m],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /m],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres:\/\//m],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: '' }, /^Invalid configuration: MicrosoftAppPassword is required/m],
  ])('stops start-up with one line naming the variable for %o', async (env, message) => {
    const { code, output } = await runServerExpectingExit({ DATA_DIR: dataDir, ...env });
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/\n\s+at /);
  }, 30_000);
});
