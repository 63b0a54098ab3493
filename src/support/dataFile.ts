// Loading and validating the JSON files under knowledge/support/.
// The support rules are only as good as these files, so a bad edit must stop the process at start-up
// with a message an editor can act on: which file, which field, what is wrong.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { fromProjectRoot } from '../projectRoot.js';

/** Location of a support data file under knowledge/support/. */
export function supportDataUrl(fileName: string): URL {
  return pathToFileURL(fromProjectRoot('knowledge', 'support', fileName));
}

/** Formats a zod issue path the way one would write it in JavaScript: `plans[3].family`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/**
 * Validates `value` against `schema`; on failure throws an Error naming the file, the field path and
 * the reason for every problem found (not only the first, so one run shows all mistakes).
 */
export function parseSupportData<S extends z.ZodType>(fileName: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
  throw new Error(`Invalid support data file knowledge/support/${fileName}: ${problems.join('; ')}`);
}

/** Reads, parses and validates one data file. Called once per file at module initialisation. */
export function loadSupportData<S extends z.ZodType>(fileName: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(supportDataUrl(fileName), 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read support data file knowledge/support/${fileName}: ${(error as Error).message}`, { cause: error });
  }
  return parseSupportData(fileName, schema, raw);
}
