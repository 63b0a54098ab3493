import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { publicBaseUrl } from './publicUrl.js';
import { fromProjectRoot } from '../../projectRoot.js';

/**
 * The widget's files: the demo page at /, the embed script and its stylesheet, and the Web Chat
 * bundle from node_modules (no CDN: the page works offline and on locked-down networks). A fixed
 * list of files, not a folder served blindly.
 */

const publicDir = fromProjectRoot('public');

const PAGES: Record<string, { file: string; type: string; maxAge: number }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8', maxAge: 0 },
  '/widget.js': { file: 'widget.js', type: 'text/javascript; charset=utf-8', maxAge: 300 },
  '/widget.css': { file: 'widget.css', type: 'text/css; charset=utf-8', maxAge: 300 },
  '/demo.css': { file: 'demo.css', type: 'text/css; charset=utf-8', maxAge: 300 },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml', maxAge: 86_400 },
};

export const WEBCHAT_PATH = '/webchat/webchat.js';

interface Bundle {
  plain: Buffer;
  gzip: Buffer;
  etag: string;
}

let bundle: Bundle | undefined;

/** Read and compressed once, on first request: 3.9 MB becomes about 1 MB on the wire. */
function webChatBundle(): Bundle {
  if (!bundle) {
    const entry = createRequire(import.meta.url).resolve('botframework-webchat');
    const file = join(dirname(entry), '..', 'dist', 'webchat.js');
    const plain = readFileSync(file);
    bundle = { plain, gzip: gzipSync(plain), etag: `"${createHash('sha1').update(plain).digest('hex').slice(0, 16)}"` };
  }
  return bundle;
}

export interface WidgetAssetOptions {
  /** Extra Direct Line origin the page may connect to (Azure in production mode). */
  directLineEndpoint?: string;
}

function contentSecurityPolicy(req: Request, directLineEndpoint?: string): string {
  const self = publicBaseUrl(req).replace(/^http/, 'ws');
  // blob:: DirectLineJS reads an attached file back from its blob URL to upload it.
  const connect = ["'self'", self, 'blob:'];
  if (directLineEndpoint) {
    const origin = new URL(directLineEndpoint).origin;
    connect.push(origin, origin.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Web Chat styles itself with injected <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // Web Chat draws the thumbnail of an attached image in a worker it starts from a blob URL.
    "worker-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function mountWidgetAssets(server: Server, options: WidgetAssetOptions = {}): void {
  for (const [path, page] of Object.entries(PAGES)) {
    server.get(path, async (req: Request, res: Response) => {
      const body = await readFile(join(publicDir, page.file));
      const headers: Record<string, string> = {
        'content-type': page.type,
        'content-length': String(body.length),
        'cache-control': page.maxAge ? `public, max-age=${page.maxAge}` : 'no-cache',
        'x-content-type-options': 'nosniff',
      };
      if (page.file.endsWith('.html')) {
        headers['content-security-policy'] = contentSecurityPolicy(req, options.directLineEndpoint);
        headers['referrer-policy'] = 'strict-origin-when-cross-origin';
      }
      res.writeHead(200, headers);
      res.end(body);
    });
  }

  server.get(WEBCHAT_PATH, async (req: Request, res: Response) => {
    const { plain, gzip, etag } = webChatBundle();
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    const zipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = zipped ? gzip : plain;
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      etag,
      vary: 'Accept-Encoding',
      ...(zipped ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(body);
  });
}
