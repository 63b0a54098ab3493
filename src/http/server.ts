import { timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/index.js';
import { sendError } from './jsonBody.js';
import { isLoopbackAddress } from './loopback.js';
import { UpgradeRouter } from './upgrades.js';

export interface ServerDeps {
  db: Db;
  log: Logger;
  /** Prometheus registry served at /metrics. */
  metrics?: { contentType: string; metrics(): Promise<string> };
  /**
   * The bearer token /metrics asks for. Without one, /metrics answers only callers on this machine
   * (a scraper beside the server, or an operator's curl).
   */
  metricsToken?: string;
}

export interface HttpServer {
  server: Server;
  /** Where WebSocket upgrades are handed out; one nobody takes is answered 404 and closed. */
  upgrades: UpgradeRouter;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createServer({ db, log, metrics, metricsToken }: ServerDeps): HttpServer {
  const server = restify.createServer({ name: 'support-assistant', handleUncaughtExceptions: false });

  // Restify's own errors (404, 405) are fine to show; anything else is reduced to a plain message.
  server.on('restifyError', (_req: Request, res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      log.error({ err }, 'request failed');
      (err as unknown as { toJSON: () => unknown }).toJSON = () => ({ error: { status, message: 'Internal error.' } });
    }
    callback();
  });

  server.get('/health', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.get('/ready', async (_req: Request, res: Response) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ready', database: db.kind });
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      sendError(res, 503, 'Database not reachable.');
    }
  });

  if (metrics) {
    server.get('/metrics', async (req: Request, res: Response) => {
      if (metricsToken) {
        const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
        if (!sameSecret(given, metricsToken)) {
          res.header('WWW-Authenticate', 'Bearer realm="metrics"');
          return sendError(res, 401, 'The metrics need the METRICS_TOKEN as a bearer token.');
        }
      } else if (!isLoopbackAddress(req.socket?.remoteAddress)) {
        return sendError(res, 403, 'The metrics answer only this machine unless METRICS_TOKEN is set.');
      }
      const body = await metrics.metrics();
      res.setHeader('content-type', metrics.contentType);
      res.writeHead(200);
      res.end(body);
    });
  }

  return { server, upgrades: new UpgradeRouter(server.server) };
}
