// `npm run package:teams` builds the Teams app package (appPackage/build/support-assistant.zip) to upload
// in Teams ("Upload a custom app") or in the Teams admin center. The bot id comes from MicrosoftAppId
// (environment or .env), the Teams app id from TEAMS_APP_ID (defaults to the bot id); flags override both.
// `--icons` first redraws appPackage/color.png and outline.png from tools/teams/icons.ts.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config.js';
import { colorIcon, outlineIcon } from '../teams/icons.js';
import { APP_PACKAGE_DIR, buildTeamsPackage, TeamsPackageError } from '../teams/teamsPackage.js';

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
    built = buildTeamsPackage({ BOT_ID: botId, TEAMS_APP_ID: appId, APP_NAME_SUFFIX: args['name-suffix'] ?? '' });
  } catch (err) {
    if (err instanceof TeamsPackageError) fail(err.message);
    throw err;
  }
  const out = resolve(args.out ?? join(APP_PACKAGE_DIR, 'build', 'support-assistant.zip'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);

  const developer = built.manifest.developer as { websiteUrl: string };
  process.stdout.write(
    [
      `wrote ${relative(process.cwd(), out).startsWith('..') ? out : relative(process.cwd(), out)} (${built.zip.length} bytes, manifest ${String(built.manifest.manifestVersion)})`,
      `  Teams app id ${appId}`,
      `  bot id       ${botId}`,
      'Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.',
      ...(developer.websiteUrl.includes('example.com') ? ['Note: developer URLs in appPackage/manifest.json still point to example.com; set your own before publishing to your organisation.'] : []),
    ].join('\n') + '\n',
  );
}

main(process.argv.slice(2));
