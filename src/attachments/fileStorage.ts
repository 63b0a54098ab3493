import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Where an attachment's bytes live when ATTACHMENTS_DIR is set: `<dir>/<first two id characters>/<id>`.
 * The path is made from the id alone (random base64url, checked here again), never from the sender's
 * file name, so no name can climb out of the folder or overwrite another file. A file is written to a
 * temporary name and renamed, so a crash never leaves half a file under a real id.
 */
export interface FileFolder {
  write(id: string, bytes: Uint8Array): Promise<void>;
  read(id: string): Promise<Buffer>;
  remove(id: string): Promise<void>;
}

const ID = /^[A-Za-z0-9_-]{16,64}$/;

export function fileFolder(dir: string): FileFolder {
  const root = resolve(dir);
  const pathOf = (id: string) => {
    if (!ID.test(id)) throw new Error('not an attachment id');
    return join(root, id.slice(0, 2), id);
  };
  return {
    async write(id, bytes) {
      const path = pathOf(id);
      await mkdir(join(root, id.slice(0, 2)), { recursive: true });
      const temporary = `${path}.partial`;
      await writeFile(temporary, bytes, { flag: 'w', mode: 0o600 });
      await rename(temporary, path);
    },
    read: (id) => readFile(pathOf(id)),
    remove: (id) => rm(pathOf(id), { force: true }),
  };
}
