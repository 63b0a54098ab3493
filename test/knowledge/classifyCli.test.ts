import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('classify CLI', () => {
  it('--jsonl writes one JSON object per input line and nothing else on stdout', () => {
    const input = ['cant sent mail to external adresses', 'our main sharepoint site is donw', 'how do i cancle my subscription'].join('\n');
    const run = spawnSync('npx', ['tsx', 'tools/cli/classify.ts', '--jsonl'], { cwd: root, input, encoding: 'utf8', timeout: 80_000 });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const results = lines.map((l) => JSON.parse(l));
    for (const r of results) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['text', 'category', 'topic', 'confidence', 'severity', 'articles']));
      expect(['A', 'B', 'C', null]).toContain(r.severity);
      for (const a of r.articles) expect(Object.keys(a).sort()).toEqual(['id', 'score', 'title', 'topic']);
    }
    expect(results.map((r) => r.topic)).toEqual(['exchange.mail-flow', 'sharepoint.site-unavailable', 'billing.cancel']);
    expect(results.map((r) => r.language)).toEqual(['en', 'en', 'en']);
  }, 90_000);

  it('classifies a line in the language it is written in and says which, with article titles in it', () => {
    const input = ['Unser freigegebenes Postfach zeigt keine neuen Mails an', 'OneDrive 同步卡住了', '共用信箱的成員看不到信件'].join('\n');
    const run = spawnSync('npx', ['tsx', 'tools/cli/classify.ts', '--jsonl'], { cwd: root, input, encoding: 'utf8', timeout: 80_000 });
    expect(run.status).toBe(0);
    const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((r) => [r.language, r.topic])).toEqual([
      ['de', 'exchange.shared-mailbox'],
      ['zh-Hans', 'onedrive.sync'],
      ['zh-Hant', 'exchange.shared-mailbox'],
    ]);
    expect(results[0].articles[0].title).toMatch(/Postfach/);
    expect(results[2].articles[0].title).toMatch(/信箱/);
  }, 90_000);
});
