import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createZip } from '../../tools/teams/zipWriter.js';
import { readZip } from './readZip.js';

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const entries = [
  { name: 'manifest.json', data: Buffer.from(JSON.stringify({ hello: 'world', list: Array.from({ length: 50 }, (_, i) => i) })) },
  { name: 'noise.bin', data: randomBytes(2048) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

describe('the zip writer', () => {
  it('writes files that read back byte for byte, deflating only what shrinks', () => {
    const files = readZip(createZip(entries));
    expect(files.map((f) => f.name)).toEqual(['manifest.json', 'noise.bin', 'empty.txt']);
    files.forEach((f, i) => expect(f.data.equals(entries[i]!.data)).toBe(true));
    expect(files.map((f) => f.method)).toEqual([8, 0, 0]);
  });

  it('gives the same bytes for the same files (fixed timestamps)', () => {
    expect(createZip(entries).equals(createZip(entries))).toBe(true);
  });

  it.each([['a duplicate name', 'manifest.json'], ['an absolute path', '/etc/passwd'], ['a backslash path', 'a\\b']])('refuses %s', (_case, name) => {
    expect(() => createZip([entries[0]!, { name, data: Buffer.from('x') }])).toThrow(/invalid or duplicate/);
  });

  it.runIf(hasUnzip)('is accepted by unzip -t', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zip-')), 'test.zip');
    writeFileSync(file, createZip(entries));
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
  });
});
