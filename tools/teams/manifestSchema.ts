import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Validates a Teams app manifest against the official JSON schema for its manifestVersion, as shipped
 * in @microsoft/app-manifest (the Microsoft 365 Agents Toolkit's package). Development-time only: the
 * running bot never loads this module.
 */

export function manifestSchemaPath(manifestVersion: string): string {
  const root = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  return join(root, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(version: string): ValidateFunction | undefined {
  if (validators.has(version)) return validators.get(version);
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(manifestSchemaPath(version), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  // The schema declares draft-04 but uses no draft-04-only keyword (checked by a test), so Ajv's default
  // dialect validates it; the declaration is dropped because Ajv 8 does not ship the draft-04 meta-schema.
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  formats.default(ajv);
  const validate = ajv.compile(schema);
  validators.set(version, validate);
  return validate;
}

/** Problems found, as "path: message" lines; empty when the manifest is valid. */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return ['/manifestVersion: missing'];
  const validate = validatorFor(version);
  if (!validate) return [`/manifestVersion: no schema for version ${version} in @microsoft/app-manifest`];
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
}
