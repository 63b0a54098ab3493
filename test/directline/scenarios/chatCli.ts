import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { repoRoot } from '../../helpers/testApp.js';
import type { SharedApp } from '../sharedApp.js';

export function chatCliScenarios(shared: SharedApp): void {
  let app: App;
  beforeAll(() => {
    ({ app } = shared);
  });

  function runChat(args: string[], input: string): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      // The chat follows the shell's language (LANG); these scenarios read its English lines.
      const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: '', LANG: 'C' };
      const child = spawn(process.execPath, ['--import', 'tsx', 'tools/cli/chat.ts', ...args], { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => resolve({ code, out }));
      child.stdin.end(input);
    });
  }

  describe('npm run chat', () => {
    it('talks to the assistant through the Direct Line endpoint and presses card buttons by number', async () => {
      const { code, out } = await runChat(['--url', app.url], 'My Outlook keeps asking for my password\n1\n');
      expect(code).toBe(0);
      const [beforeFirst, afterFirst] = out.split('You: My Outlook keeps asking for my password');
      expect(beforeFirst).toMatch(/^Assistant: .*support assistant/im); // the greeting
      expect(afterFirst).toMatch(/^ {2}\[1\] \S/m); // a card's buttons, numbered
      const afterPress = out.split(/\(pressed "[^"]+"\)/)[1];
      expect(afterPress).toMatch(/^Assistant: /m);
      expect(out).not.toMatch(/Error|not sent/);
    });

    it('answers a mistyped command line with the reason and the usage, not a stack trace', async () => {
      const { code, out } = await runChat([app.url], '');
      expect(code).toBe(2);
      expect(out).toMatch(/Unexpected argument/);
      expect(out).toMatch(/Usage: npm run chat/);
      expect(out).not.toMatch(/\n\s+at /);
    });

    it('says plainly when no assistant is running there', async () => {
      const { code, out } = await runChat(['--url', 'http://127.0.0.1:9'], '');
      expect(code).toBe(1);
      expect(out).toMatch(/Cannot start a chat with http:\/\/127\.0\.0\.1:9: cannot reach/);
      expect(out).not.toMatch(/\n\s+at /);
    });
  });
}
