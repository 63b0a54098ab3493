import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirInUseError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: two processes writing one data folder would corrupt it. A lock file
 * holding the owner's pid keeps a second process out; a lock left by a process that died (kill -9) is
 * recognised as stale and taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'support-assistant.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid?: number; host?: string } = {};
      try {
        owner = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // An unreadable lock (crash while writing it) is treated as stale.
      }
      const sameHost = !owner.host || owner.host === hostname();
      if (owner.pid && owner.pid !== process.pid && sameHost && isAlive(owner.pid)) {
        throw new DataDirInUseError(
          `The data folder ${dir} is in use by another process (pid ${owner.pid}). Stop that process, or set DATA_DIR to another folder.`,
        );
      }
      if (owner.pid && !sameHost) {
        throw new DataDirInUseError(`The data folder ${dir} is locked by process ${owner.pid} on host ${owner.host}.`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data folder ${dir}.`);
}
