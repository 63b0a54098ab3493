// `npm run package:teams` builds the Teams app package (appPackage/build/support-assistant.zip) to upload
// in Teams ("Upload a custom app") or in the Teams admin center. The bot id comes from MicrosoftAppId
// (environment or .env), the Teams app id from TEAMS_APP_ID (defaults to the bot id); flags override both.
// `--icons` first redraws appPackage/color.png and outline.png from tools/teams/icons.ts.
// The manifest's localizationInfo names a file per language (appPackage/de.json, zh-Hans.json,
// zh-Hant.json: Teams' own format for the store texts and the command menu); each is filled like the
// manifest, validated against the official localization schema, checked key by key against the
// manifest, and packed beside it.
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config.js';
import { colorIcon, outlineIcon } from '../teams/icons.js';
import { manifestSchemaPath } from '../teams/manifestSchema.js';
import { APP_PACKAGE_DIR, buildTeamsPackage, fillManifest, TeamsPackageError, type PackageValues, type TeamsPackage } from '../teams/teamsPackage.js';
import { createZip, type ZipEntry } from '../teams/zipWriter.js';

interface LocalizationInfo {
  defaultLanguageTag: string;
  additionalLanguages?: { languageTag: string; file: string }[];
}

const localizationValidators = new Map<string, ValidateFunction>();

/** Problems of a localization file against MicrosoftTeams.Localization.schema.json of the manifest's version. */
export function validateLocalization(localization: Record<string, unknown>, manifestVersion: string): string[] {
  let validate = localizationValidators.get(manifestVersion);
  if (!validate) {
    const file = join(dirname(manifestSchemaPath(manifestVersion)), 'MicrosoftTeams.Localization.schema.json');
    if (!existsSync(file)) return [`no localization schema for manifest version ${manifestVersion} in @microsoft/app-manifest`];
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // As for the manifest (tools/teams/manifestSchema.ts): a draft-04 declaration Ajv 8 has no meta-schema for.
    delete schema.$schema;
    // Its key patterns are written for non-Unicode regular expressions ("\\b]" has a lone "]", an error with /u).
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    formats.default(ajv);
    validate = ajv.compile(schema);
    localizationValidators.set(manifestVersion, validate);
  }
  if (validate(localization)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** The manifest value a localization key such as "bots[0].commandLists[0].commands[2].title" replaces. */
export function manifestValueAt(manifest: Record<string, unknown>, key: string): unknown {
  let value: unknown = manifest;
  for (const step of key.match(/[^.[\]]+/g) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** Keys of a localization file that replace nothing in the manifest (Teams would ignore them). */
export function unknownLocalizedKeys(manifest: Record<string, unknown>, localization: Record<string, unknown>): string[] {
  return Object.keys(localization).filter((key) => key !== '$schema' && key !== 'localizationKeys' && typeof manifestValueAt(manifest, key) !== 'string');
}

/** The localization files the filled manifest names, filled, checked, ready for the zip. */
export function localizationFiles(manifest: Record<string, unknown>, values: PackageValues, dir = APP_PACKAGE_DIR): ZipEntry[] {
  const info = manifest.localizationInfo as LocalizationInfo | undefined;
  const problems: string[] = [];
  const entries: ZipEntry[] = [];
  for (const { file } of info?.additionalLanguages ?? []) {
    let localization: Record<string, unknown>;
    try {
      localization = fillManifest(readFileSync(join(dir, file), 'utf8'), { APP_NAME_SUFFIX: '', ...values });
    } catch (err) {
      problems.push(`${file}: ${err instanceof TeamsPackageError ? err.problems.join('; ') : (err as Error).message}`);
      continue;
    }
    problems.push(...validateLocalization(localization, String(manifest.manifestVersion)).map((p) => `${file} ${p}`));
    problems.push(...unknownLocalizedKeys(manifest, localization).map((key) => `${file}: "${key}" is not a text of the manifest`));
    entries.push({ name: file, data: Buffer.from(`${JSON.stringify(localization, null, 2)}\n`, 'utf8') });
  }
  if (problems.length) throw new TeamsPackageError(problems);
  return entries;
}

/** The app package with the manifest's localization files in it, beside manifest.json and the icons. */
export function buildLocalizedTeamsPackage(values: PackageValues, dir = APP_PACKAGE_DIR): TeamsPackage {
  const { manifest } = buildTeamsPackage(values, dir);
  const icons = manifest.icons as { color: string; outline: string };
  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: icons.color, data: readFileSync(join(dir, icons.color)) },
    { name: icons.outline, data: readFileSync(join(dir, icons.outline)) },
    ...localizationFiles(manifest, values, dir),
  ]);
  return { manifest, zip };
}

const usage = 'usage: npm run package:teams -- [--bot-id <guid>] [--app-id <guid>] [--name-suffix <text>] [--out <file.zip>] [--icons]';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function main(argv: string[]): void {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        'bot-id': { type: 'string' },
        'app-id': { type: 'string' },
        'name-suffix': { type: 'string' },
        out: { type: 'string' },
        icons: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${usage}`, 2);
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }

  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const botId = args['bot-id'] ?? config.MicrosoftAppId;
  if (!botId) fail(`No bot id: set MicrosoftAppId (the Azure Bot's Microsoft App ID) in the environment or .env, or pass --bot-id.\n${usage}`);
  const appId = args['app-id'] ?? config.TEAMS_APP_ID ?? botId;

  if (args.icons) {
    writeFileSync(join(APP_PACKAGE_DIR, 'color.png'), colorIcon());
    writeFileSync(join(APP_PACKAGE_DIR, 'outline.png'), outlineIcon());
    process.stdout.write('redrew appPackage/color.png and appPackage/outline.png\n');
  }

  let built;
  try {
    built = buildLocalizedTeamsPackage({ BOT_ID: botId, TEAMS_APP_ID: appId, APP_NAME_SUFFIX: args['name-suffix'] ?? '' });
  } catch (err) {
    if (err instanceof TeamsPackageError) fail(err.message);
    throw err;
  }
  const out = resolve(args.out ?? join(APP_PACKAGE_DIR, 'build', 'support-assistant.zip'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);

  const developer = built.manifest.developer as { websiteUrl: string };
  const languages = (built.manifest.localizationInfo as LocalizationInfo | undefined)?.additionalLanguages ?? [];
  process.stdout.write(
    [
      `wrote ${relative(process.cwd(), out).startsWith('..') ? out : relative(process.cwd(), out)} (${built.zip.length} bytes, manifest ${String(built.manifest.manifestVersion)})`,
      `  Teams app id ${appId}`,
      `  bot id       ${botId}`,
      ...(languages.length ? [`  languages    en-us (manifest.json), ${languages.map((l) => `${l.languageTag} (${l.file})`).join(', ')}`] : []),
      'Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.',
      ...(developer.websiteUrl.includes('example.com') ? ['Note: developer URLs in appPackage/manifest.json still point to example.com; set your own before publishing to your organisation.'] : []),
    ].join('\n') + '\n',
  );
}

// Run as `npm run package:teams`; imported (by a test), it only lends its functions.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
