import { createServer, type Server } from 'node:http';

/**
 * A loopback stand-in for where channels keep files: Teams' pre-authorised download URLs, an Emulator's
 * attachment URLs, and the OneDrive upload session a Teams file consent hands the bot (PUT with
 * Content-Range). Files are served from `files`; uploads are recorded in `uploads`.
 */
export interface FileServer {
  url: string;
  files: Map<string, { bytes: Buffer; contentType?: string }>;
  uploads: { path: string; contentRange?: string; bytes: Buffer }[];
  /** Paths answered with this status instead. */
  failing: Map<string, number>;
  /** Requests received, by path (to see what was fetched and with which Authorization). */
  requests: { method: string; path: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, { bytes: Buffer; contentType?: string }>();
  const uploads: FileServer['uploads'] = [];
  const failing = new Map<string, number>();
  const requests: FileServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = failing.get(path);
      if (status) {
        res.writeHead(status);
        res.end();
        return;
      }
      if (req.method === 'PUT') {
        uploads.push({ path, contentRange: req.headers['content-range'], bytes: Buffer.concat(chunks) });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      const file = files.get(path);
      if (!file) {
        res.writeHead(404);
        res.end();
        return;
      }
      // Separate calls: restify replaces ServerResponse#writeHead with one that does not return the response.
      res.writeHead(200, { 'content-type': file.contentType ?? 'application/octet-stream', 'content-length': String(file.bytes.length) });
      res.end(file.bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    files,
    uploads,
    failing,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
