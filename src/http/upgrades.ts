import type { IncomingMessage, Server as NodeServer } from 'node:http';
import type { Duplex } from 'node:stream';

/** Takes a WebSocket upgrade it is responsible for (answering it one way or another) and returns true, or returns false. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/** How long a refused upgrade's socket may take to flush the answer before it is destroyed anyway. */
const REFUSAL_FLUSH_MS = 2_000;

/**
 * Answers an upgrade request with a plain HTTP error and closes the socket, whatever the client does:
 * the server's sockets allow half-open connections, so ending our side alone would leave the socket
 * (and its file descriptor) open for as long as the client keeps its side open.
 */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' }[status] ?? 'Error';
  const body = JSON.stringify({ error: { status, message } });
  socket.on('error', () => socket.destroy());
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const timer = setTimeout(() => socket.destroy(), REFUSAL_FLUSH_MS);
  timer.unref();
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => {
      clearTimeout(timer);
      socket.destroy();
    },
  );
}

/**
 * The one listener for WebSocket upgrades on the HTTP server. Each handler claims the upgrades on its
 * own paths; an upgrade nobody claims is answered 404 and closed at once. (Restify does not answer
 * upgrades, and a socket left hanging holds a file descriptor until the process runs out of them.)
 */
export class UpgradeRouter {
  private readonly handlers: UpgradeHandler[] = [];

  constructor(server: NodeServer) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      try {
        if (this.handlers.some((handle) => handle(req, socket, head))) return;
        refuseUpgrade(socket, 404, 'Nothing on this path accepts a WebSocket.');
      } catch {
        socket.destroy();
      }
    });
  }

  add(handler: UpgradeHandler): void {
    this.handlers.push(handler);
  }
}
