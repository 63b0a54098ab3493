import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../tools/teams/icons.js';
import { manifestSchemaPath, validateManifest } from '../../tools/teams/manifestSchema.js';
import { APP_PACKAGE_DIR, buildTeamsPackage, fillManifest, iconProblems, TeamsPackageError } from '../../tools/teams/teamsPackage.js';
import { repoRoot } from '../helpers/testApp.js';
import { readZip } from './readZip.js';

const BOT_ID = '6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b';
const APP_ID = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

const template = () => readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const filled = () => fillManifest(template(), { TEAMS_APP_ID: APP_ID, BOT_ID, APP_NAME_SUFFIX: '' });
type Bot = { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] };

describe('appPackage/manifest.json', () => {
  it('is valid against the official Teams schema of its manifestVersion', () => {
    expect(validateManifest(filled())).toEqual([]);
  });

  it('declares the schema it is validated against', () => {
    const manifest = filled();
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${String(manifest.manifestVersion)}/MicrosoftTeams.schema.json`);
    expect(readFileSync(manifestSchemaPath(String(manifest.manifestVersion)), 'utf8')).toContain(`"const": "${String(manifest.manifestVersion)}"`);
  });

  it('uses the newest stable v1.x schema @microsoft/app-manifest ships', () => {
    const versions = readdirSync(join(manifestSchemaPath('1.0'), '..', '..'))
      .filter((v) => /^v1\.\d+$/.test(v))
      .map((v) => Number(v.slice(3)));
    expect(filled().manifestVersion).toBe(`1.${Math.max(...versions)}`);
  });

  it('has the bot in personal, team and group-chat scope with the help, new request and my requests commands', () => {
    const [bot] = filled().bots as Bot[];
    expect(bot!.botId).toBe(BOT_ID);
    expect(bot!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot!.commandLists.flatMap((l) => l.commands.map((c) => c.title))).toEqual(['help', 'new request', 'my requests']);
    expect(bot!.commandLists[0]!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it.each([
    ['a bot id that is not a GUID', (m: Record<string, unknown>) => ((m.bots as Bot[])[0]!.botId = 'my-bot'), /\/bots\/0\/botId/],
    ['an unknown scope', (m: Record<string, unknown>) => (m.bots as Bot[])[0]!.scopes.push('meeting'), /\/bots\/0\/scopes/],
    ['a short description over 80 characters', (m: Record<string, unknown>) => ((m.description as { short: string }).short = 'x'.repeat(81)), /\/description\/short/],
    ['an unknown property', (m: Record<string, unknown>) => (m.botz = []), /must NOT have additional properties/],
  ])('would be rejected with %s', (_case, spoil, problem) => {
    const manifest = filled();
    spoil(manifest);
    expect(validateManifest(manifest).join('\n')).toMatch(problem);
  });

  it('is validated by Ajv faithfully: the draft-04 schema uses no keyword whose meaning changed after draft-04', () => {
    const schema = readFileSync(manifestSchemaPath(String(filled().manifestVersion)), 'utf8');
    expect(schema).not.toMatch(/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/);
    expect(schema).not.toMatch(/"id"\s*:\s*"/);
  });
});

describe('the icons', () => {
  const decode = (file: string) => PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, file)));

  it.each([
    ['color.png', 192],
    ['outline.png', 32],
  ])('%s is %ix%i', (file, size) => {
    const png = decode(file);
    expect([png.width, png.height]).toEqual([size, size]);
  });

  it('outline.png is white on a transparent background', () => {
    const png = decode('outline.png');
    const pixels = Array.from({ length: png.width * png.height }, (_, i) => [...png.data.subarray(i * 4, i * 4 + 4)]);
    expect(pixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(pixels.length / 2);
    expect(pixels.filter(([r, g, b, a]) => a! > 0 && (r !== 255 || g !== 255 || b !== 255))).toEqual([]);
    expect(iconProblems('outline.png', readFileSync(join(APP_PACKAGE_DIR, 'outline.png')), 32, true)).toEqual([]);
  });

  it('color.png has no transparent pixels', () => {
    const png = decode('color.png');
    expect(png.data.filter((_, i) => i % 4 === 3 && png.data[i] !== 255).length).toBe(0);
  });

  it.each([
    ['color.png', colorIcon],
    ['outline.png', outlineIcon],
  ])('%s is what tools/teams/icons.ts draws (npm run package:teams -- --icons)', (file, draw) => {
    expect(PNG.sync.read(draw()).data.equals(decode(file).data)).toBe(true);
  });

  it('a coloured outline icon is refused', () => {
    expect(iconProblems('outline.png', colorIcon(), 192, true).join('\n')).toMatch(/only use white/);
    expect(iconProblems('outline.png', readFileSync(join(APP_PACKAGE_DIR, 'color.png')), 32, true).join('\n')).toMatch(/must be 32x32/);
  });
});

describe('the app package', () => {
  it('is a zip of manifest.json and both icons at the root, with the ids filled in', () => {
    const { zip } = buildTeamsPackage({ TEAMS_APP_ID: APP_ID, BOT_ID });
    const files = readZip(zip);
    expect(files.map((f) => f.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.data.toString('utf8'));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(files.find((f) => f.name === 'color.png')!.data.equals(readFileSync(join(APP_PACKAGE_DIR, 'color.png')))).toBe(true);
  });

  it('refuses ids that are not GUIDs, before writing anything', () => {
    expect(() => buildTeamsPackage({ TEAMS_APP_ID: APP_ID, BOT_ID: 'support-bot' })).toThrow(TeamsPackageError);
  });

  it('refuses a template placeholder nobody fills', () => {
    expect(() => fillManifest('{"id": "${{TEAMS_APP_ID}}", "x": "${{SOMETHING_ELSE}}"}', { TEAMS_APP_ID: APP_ID })).toThrow(/SOMETHING_ELSE/);
  });
});

describe('npm run package:teams', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'tools/cli/packageTeams.ts', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });

  it('writes the zip with the bot id from MicrosoftAppId and the app id from TEAMS_APP_ID', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'app.zip');
    const result = run(['--out', out], { MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 'secret', TEAMS_APP_ID: APP_ID });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(out);
    const manifest = JSON.parse(readZip(readFileSync(out)).find((f) => f.name === 'manifest.json')!.data.toString('utf8'));
    expect([manifest.id, manifest.bots[0].botId]).toEqual([APP_ID, BOT_ID]);
  });

  it('says what is missing when no bot id is configured', () => {
    // Empty values also keep a developer's own .env from supplying one.
    const result = run([], { MicrosoftAppId: '', TEAMS_APP_ID: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No bot id: set MicrosoftAppId/);
  });
});

describe('the Microsoft 365 Agents Toolkit project files', () => {
  it.each(['m365agents.yml', 'm365agents.local.yml'])('%s provisions every id the manifest template needs and packages appPackage/manifest.json', async (file) => {
    const { parse } = await import('yaml');
    const project = parse(readFileSync(join(repoRoot, file), 'utf8')) as { version: string; provision: { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> }[] };
    expect(project.version).toMatch(/^v1\.\d+$/);
    const written = new Set(project.provision.flatMap((step) => Object.values(step.writeToEnvironmentFile ?? {})));
    const needed = [...template().matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]!);
    // APP_NAME_SUFFIX comes from the env file (it may be empty); everything else is created by provisioning.
    expect(needed.filter((name) => name !== 'APP_NAME_SUFFIX' && !written.has(name))).toEqual([]);
    expect(project.provision.map((s) => s.uses)).toEqual(expect.arrayContaining(['teamsApp/create', 'botFramework/create', 'teamsApp/zipAppPackage', 'teamsApp/update']));
    expect(project.provision.find((s) => s.uses === 'teamsApp/zipAppPackage')!.with!.manifestPath).toBe('./appPackage/manifest.json');
  });
});
