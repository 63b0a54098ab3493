import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { refuseUpgrade } from '../../http/index.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../storage/index.js';
import type { ActivityFeed } from './activityFeed.js';
import { activitiesAfter } from './activityStore.js';
import { headerValue, type OriginPolicy } from './cors.js';
import { parseWatermark, type ActivitySet } from './protocol.js';
import { bearerToken, type TokenClaims, type TokenSigner } from './tokens.js';

/**
 * The WebSocket behind a conversation's streamUrl. It sends `{activities, watermark}` frames: first
 * everything after the watermark in the URL, then each new activity as it is stored. Typing
 * indicators come in frames without a watermark. An empty message every keep-alive interval keeps
 * proxies from closing an idle socket; the same tick re-reads the database, so activities stored by
 * another instance arrive even before a cross-instance feed exists.
 */

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
const PAGE_SIZE = 100;

export interface StreamDeps {
  db: Db;
  feed: ActivityFeed;
  signer: TokenSigner;
  policy: OriginPolicy;
  log: Logger;
  keepAliveMs: number;
}

export interface StreamServer {
  /** Takes the upgrade when it is for a stream URL; returns false to leave it to someone else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

export function createStreamServer({ db, feed, signer, policy, log, keepAliveMs }: StreamDeps): StreamServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  function serve(ws: WebSocket, claims: TokenClaims, watermark: number) {
    const conversationId = claims.conv;
    let sent = watermark;
    let pumping = false;
    let again = false;
    let alive = true;

    const send = (frame: ActivitySet | '') => {
      if (ws.readyState === ws.OPEN) ws.send(frame === '' ? '' : JSON.stringify(frame));
    };

    // One reader at a time, so frames leave in watermark order and none is sent twice.
    const pump = async () => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          const rows = await activitiesAfter(db, conversationId, sent, PAGE_SIZE);
          if (rows.length === 0 || ws.readyState !== ws.OPEN) break;
          sent = rows.at(-1)!.seq;
          send({ activities: rows.map((r) => r.activity), watermark: String(sent) });
          if (rows.length === PAGE_SIZE) again = true;
        } while (again);
      } catch (err) {
        log.warn({ err, conversationId }, 'direct line stream could not read activities');
      } finally {
        pumping = false;
      }
    };

    const unsubscribe = feed.subscribe(conversationId, (event) => {
      if (event.kind === 'stored') void pump();
      else send({ activities: [event.activity] });
    });
    const timer = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
      send('');
      void pump();
    }, keepAliveMs);
    timer.unref();

    ws.on('pong', () => (alive = true));
    // Clients send empty messages as pings of their own; nothing else is expected on a stream.
    ws.on('message', () => (alive = true));
    ws.on('close', () => {
      clearInterval(timer);
      unsubscribe();
    });
    ws.on('error', () => ws.terminate());
    void pump();
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) return false;
      if (!policy.allows(headerValue(req.headers.origin), headerValue(req.headers.host))) {
        refuseUpgrade(socket, 403, 'This origin is not allowed to use the chat endpoint.');
        return true;
      }
      const watermark = parseWatermark(url.searchParams.get('watermark'));
      const token = url.searchParams.get('t') ?? bearerToken(req.headers.authorization);
      // Nobody listens for socket errors between Node's upgrade event and ws taking the socket.
      const dropOnError = () => socket.destroy();
      socket.on('error', dropOnError);
      void (async () => {
        const claims = token ? ((await signer.verify(token, 'stream')) ?? (await signer.verify(token, 'conversation'))) : undefined;
        socket.off('error', dropOnError);
        if (!claims || claims.conv !== decodeURIComponent(match[1]!)) {
          refuseUpgrade(socket, 403, 'The token is missing, expired, or not valid for this conversation.');
        } else if (watermark === 'invalid') {
          refuseUpgrade(socket, 400, 'watermark must be a number.');
        } else {
          wss.handleUpgrade(req, socket, head, (ws) => serve(ws, claims, watermark ?? 0));
        }
      })().catch((err: unknown) => {
        log.error({ err }, 'direct line stream upgrade failed');
        socket.destroy();
      });
      return true;
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
