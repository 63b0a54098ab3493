import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, fillManifest, TeamsPackageError } from '../../tools/teams/teamsPackage.js';
import { buildLocalizedTeamsPackage, localizationFiles, manifestValueAt, unknownLocalizedKeys, validateLocalization } from '../../tools/cli/packageTeams.js';
import { repoRoot } from '../helpers/testApp.js';
import { readZip } from './readZip.js';

/** The Teams app in German, Simplified and Traditional Chinese: appPackage/<language>.json and the manifest's localizationInfo. */

const BOT_ID = '6a1f0c3e-2b4d-4e8f-9a7b-1c2d3e4f5a6b';
const APP_ID = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const VALUES = { TEAMS_APP_ID: APP_ID, BOT_ID, APP_NAME_SUFFIX: '' };

const manifest = () => fillManifest(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'), VALUES);
const localization = (file: string, suffix = '') =>
  fillManifest(readFileSync(join(APP_PACKAGE_DIR, file), 'utf8'), { ...VALUES, APP_NAME_SUFFIX: suffix }) as Record<string, string>;

const FILES = [
  ['de', 'de.json'],
  ['zh-cn', 'zh-Hans.json'],
  ['zh-tw', 'zh-Hant.json'],
] as const;

/** Every text of the manifest a person reads in Teams, as localization keys. */
function localizableKeys(m: Record<string, unknown>): string[] {
  const description = m.description as { features: unknown[] };
  const bots = m.bots as { commandLists: { commands: unknown[] }[] }[];
  return [
    'name.short',
    'name.full',
    'description.short',
    'description.full',
    ...description.features.flatMap((_f, i) => [`description.features[${i}].title`, `description.features[${i}].description`]),
    ...bots[0]!.commandLists.flatMap((list, l) =>
      list.commands.flatMap((_c, c) => [`bots[0].commandLists[${l}].commands[${c}].title`, `bots[0].commandLists[${l}].commands[${c}].description`]),
    ),
  ];
}

describe('the Teams manifest localization', () => {
  it('names English as the manifest language and a file for German, Simplified and Traditional Chinese', () => {
    expect(manifest().localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: FILES.map(([languageTag, file]) => ({ languageTag, file })),
    });
  });

  describe.each(FILES)('%s (%s)', (_tag, file) => {
    it('is valid against the official localization schema of the manifest version', () => {
      expect(validateLocalization(localization(file), String(manifest().manifestVersion))).toEqual([]);
    });

    it('declares that schema', () => {
      expect(localization(file).$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${String(manifest().manifestVersion)}/MicrosoftTeams.Localization.schema.json`);
    });

    it('translates every text of the manifest, and only texts the manifest has', () => {
      const m = manifest();
      const keys = Object.keys(localization(file)).filter((key) => key !== '$schema');
      expect(unknownLocalizedKeys(m, localization(file))).toEqual([]);
      expect(keys.sort()).toEqual(localizableKeys(m).sort());
    });

    it('leaves nothing in English', () => {
      const m = manifest();
      const loc = localization(file);
      expect(localizableKeys(m).filter((key) => loc[key] === manifestValueAt(m, key))).toEqual([]);
    });

    it('takes the same name suffix as the manifest (a test build says so in every language)', () => {
      expect(readFileSync(join(APP_PACKAGE_DIR, file), 'utf8')).toContain('${{APP_NAME_SUFFIX}}');
      expect(localization(file, ' (test)')['name.short']).toMatch(/ \(test\)$/);
    });
  });

  it.each([
    ['a short description over 80 characters', { 'description.short': 'x'.repeat(81) }, /description\.short/],
    ['a key Teams does not know', { 'bots[0].commandList[0].commands[0].title': 'Hilfe' }, /additional properties/],
  ])('rejects %s', (_case, spoil, problem) => {
    const spoiled = { ...localization('de.json'), ...spoil };
    expect(validateLocalization(spoiled, String(manifest().manifestVersion)).join('\n')).toMatch(problem);
  });

  it('rejects a key for a text the manifest does not have (a fourth command)', () => {
    const spoiled = { ...localization('de.json'), 'bots[0].commandLists[0].commands[3].title': 'Status' };
    expect(unknownLocalizedKeys(manifest(), spoiled)).toEqual(['bots[0].commandLists[0].commands[3].title']);
  });

  it('refuses to package a manifest naming a localization file that is not there', () => {
    const m = { ...manifest(), localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'fr', file: 'fr.json' }] } };
    expect(() => localizationFiles(m, VALUES)).toThrow(TeamsPackageError);
  });
});

describe('the localized app package', () => {
  it('holds the three localization files at the root, beside manifest.json and the icons', () => {
    const { zip } = buildLocalizedTeamsPackage({ ...VALUES, APP_NAME_SUFFIX: ' (dev)' });
    const files = readZip(zip);
    expect(files.map((f) => f.name).sort()).toEqual(['color.png', 'de.json', 'manifest.json', 'outline.png', 'zh-Hans.json', 'zh-Hant.json']);
    const german = JSON.parse(files.find((f) => f.name === 'de.json')!.data.toString('utf8'));
    expect(german['name.short']).toBe('Supportassistent (dev)');
    expect(JSON.stringify(files.map((f) => f.data.toString('utf8')))).not.toContain('${{');
  });

  it('is what npm run package:teams writes', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'app.zip');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'tools/cli/packageTeams.ts', '--out', out], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', MicrosoftAppId: BOT_ID, MicrosoftAppPassword: 'secret', TEAMS_APP_ID: APP_ID },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/languages +en-us \(manifest\.json\), de \(de\.json\), zh-cn \(zh-Hans\.json\), zh-tw \(zh-Hant\.json\)/);
    const names = readZip(readFileSync(out)).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['de.json', 'zh-Hans.json', 'zh-Hant.json']));
  });
});
