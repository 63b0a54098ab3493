import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/serverProcess.js';

/** Runs dependency-cruiser with the project's rules over `folders` in `cwd`; returns its exit code and report. */
function cruise(cwd: string, folders: string[]) {
  const bin = join(repoRoot, 'node_modules', '.bin', 'depcruise');
  const run = spawnSync(bin, [...folders, '--config', join(repoRoot, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, report: `${run.stdout}${run.stderr}` };
}

describe('the layering rules of ARCHITECTURE.md', () => {
  it('hold for the whole product', () => {
    const { status, report } = cruise(repoRoot, ['src', 'dialogs', 'tools']);
    expect(report).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  // Each rule is shown to fire on a small tree that breaks it, so a rule that silently matches nothing fails here.
  const scratch = mkdtempSync(join(tmpdir(), 'sa-boundaries-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const tree = (name: string, files: Record<string, string>) => {
    const dir = join(scratch, name);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    copyFileSync(join(repoRoot, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    copyFileSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  };

  it.each<{ rule: string; files: Record<string, string> }>([
    {
      rule: 'domain-without-bot-framework',
      files: { 'src/tickets/index.ts': "import { TurnContext } from 'botbuilder';\nexport const x = TurnContext;\n" },
    },
    {
      rule: 'domain-without-bot-framework',
      files: {
        'src/handoff/index.ts': "export { detect } from './words.js';\n",
        'src/handoff/words.ts': "import { intent } from '../../dialogs/index.js';\nexport const detect = intent;\n",
        'dialogs/index.ts': 'export const intent = 1;\n',
      },
    },
    {
      rule: 'modules-through-their-index',
      files: {
        'src/handoff/index.ts': "import { statusLabel } from '../tickets/statusRules.js';\nexport const label = statusLabel;\n",
        'src/tickets/index.ts': "export { statusLabel } from './statusRules.js';\n",
        'src/tickets/statusRules.ts': "export const statusLabel = 'open';\n",
      },
    },
    {
      rule: 'no-cycles',
      files: {
        'src/tickets/index.ts': "import { b } from '../handoff/index.js';\nexport const a = () => b;\n",
        'src/handoff/index.ts': "import { a } from '../tickets/index.js';\nexport const b = () => a;\n",
      },
    },
    {
      rule: 'channels-below-the-conversation',
      files: { 'src/channels/index.ts': "import { bot } from '../../dialogs/index.js';\nexport const b = bot;\n", 'dialogs/index.ts': 'export const bot = 1;\n' },
    },
    {
      rule: 'product-without-dev-dependencies',
      files: { 'src/http/index.ts': "import { describe } from 'vitest';\nexport const d = describe;\n" },
    },
  ])('$rule fails on a deliberate violation', ({ rule, files }) => {
    const dir = tree(`${rule}-${Object.keys(files).length}`, files);
    const { status, report } = cruise(dir, ['src', ...(Object.keys(files).some((f) => f.startsWith('dialogs/')) ? ['dialogs'] : [])]);
    expect(report).toContain(rule);
    expect(status).not.toBe(0);
  });
});
