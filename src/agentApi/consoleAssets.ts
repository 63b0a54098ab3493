import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { fromProjectRoot } from '../projectRoot.js';

/**
 * The agent console at /agent: static files from public/agent/, no framework and no CDN. The
 * page holds no data until the agent signs in with their token, so it can be served to anyone.
 */

const consoleDir = fromProjectRoot('public', 'agent');

/** Chart.js's browser bundle, from node_modules (the Insights dashboard's charts). */
const chartJs = () => join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

const FILES: Record<string, { file: string | (() => string); type: string }> = {
  '/agent': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/agent/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/agent/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/agent/webhooks.js': { file: 'webhooks.js', type: 'text/javascript; charset=utf-8' },
  '/agent/callbacks.js': { file: 'callbacks.js', type: 'text/javascript; charset=utf-8' },
  '/agent/insights.js': { file: 'insights.js', type: 'text/javascript; charset=utf-8' },
  '/agent/vendor/chart.js': { file: chartJs, type: 'text/javascript; charset=utf-8' },
  '/agent/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function mountAgentConsole(server: Server): void {
  for (const [path, { file, type }] of Object.entries(FILES)) {
    const serve = async (req: Request, res: Response) => {
      const body = await readFile(typeof file === 'string' ? join(consoleDir, file) : file());
      res.writeHead(200, {
        'content-type': type,
        'content-length': String(body.length),
        // Small files that change with releases: always revalidate.
        'cache-control': 'no-cache',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    server.get(path, serve);
    server.head(path, serve);
  }
}
