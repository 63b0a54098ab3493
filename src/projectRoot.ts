import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's folder (the one holding package.json), found by walking up from this module, so the
 * same code finds knowledge/, public/, appPackage/ and the SQL migrations whether it runs from src/
 * through tsx (tests, CLIs) or compiled under dist/src/ (`npm start`).
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}: run the assistant from its repository.`);
  }
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, e.g. fromProjectRoot('knowledge', 'support'). */
export const fromProjectRoot = (...parts: string[]): string => join(projectRoot, ...parts);
