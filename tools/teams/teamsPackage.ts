import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { validateManifest } from './manifestSchema.js';
import { createZip } from './zipWriter.js';
import { COLOR_SIZE, OUTLINE_SIZE } from './icons.js';
import { fromProjectRoot } from '../../src/projectRoot.js';

/** appPackage/: the manifest template and the icons, shared with the Microsoft 365 Agents Toolkit. */
export const APP_PACKAGE_DIR = fromProjectRoot('appPackage');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Values for the template's ${{NAME}} placeholders (the Agents Toolkit's syntax, so both fill the same file). */
export interface PackageValues {
  /** The Teams app id (manifest "id"), a GUID. */
  TEAMS_APP_ID: string;
  /** The bot's Microsoft App ID (Entra application client id), a GUID. */
  BOT_ID: string;
  /** Appended to the short name, e.g. " (test)"; empty by default. */
  APP_NAME_SUFFIX?: string;
}

export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

/** Replaces ${{NAME}} placeholders (values JSON-escaped) and parses the result; an unknown placeholder is an error. */
export function fillManifest(template: string, values: Record<string, string | undefined>): Record<string, unknown> {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size) throw new TeamsPackageError([...missing].map((n) => `no value for the placeholder \${{${n}}}`));
  return JSON.parse(filled) as Record<string, unknown>;
}

/** Problems with an icon: not a PNG, wrong size, or (outline) anything but white on transparent. */
export function iconProblems(name: string, png: Buffer, size: number, outline: boolean): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch {
    return [`${name}: not a readable PNG`];
  }
  if (image.width !== size || image.height !== size) return [`${name}: must be ${size}x${size} pixels, is ${image.width}x${image.height}`];
  if (!outline) return [];
  const problems: string[] = [];
  let transparent = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) {
      problems.push(`${name}: the outline icon may only use white; pixel ${(i / 4) % size},${Math.floor(i / 4 / size)} is rgb(${r},${g},${b})`);
      break;
    }
  }
  if (transparent === 0) problems.push(`${name}: the outline icon needs a transparent background`);
  return problems;
}

export interface TeamsPackage {
  manifest: Record<string, unknown>;
  zip: Buffer;
}

/**
 * Builds the app package Teams accepts for upload: manifest.json with the ids filled in, validated
 * against the official schema, plus the two icons, all at the root of a zip.
 */
export function buildTeamsPackage(values: PackageValues, dir = APP_PACKAGE_DIR): TeamsPackage {
  const problems: string[] = [];
  for (const key of ['TEAMS_APP_ID', 'BOT_ID'] as const) {
    if (!GUID.test(values[key] ?? '')) problems.push(`${key} must be a GUID like 00000000-0000-0000-0000-000000000000 (got "${values[key] ?? ''}")`);
  }
  if (problems.length) throw new TeamsPackageError(problems);

  const manifest = fillManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), { APP_NAME_SUFFIX: '', ...values });
  problems.push(...validateManifest(manifest).map((p) => `manifest.json ${p}`));
  const icons = manifest.icons as { color: string; outline: string };
  const color = readFileSync(join(dir, icons.color));
  const outline = readFileSync(join(dir, icons.outline));
  problems.push(...iconProblems(icons.color, color, COLOR_SIZE, false), ...iconProblems(icons.outline, outline, OUTLINE_SIZE, true));
  if (problems.length) throw new TeamsPackageError(problems);

  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: icons.color, data: color },
    { name: icons.outline, data: outline },
  ]);
  return { manifest, zip };
}
