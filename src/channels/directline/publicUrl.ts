import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { headerValue } from './cors.js';

/**
 * The server's address as the client reached it, e.g. `https://bot.example.com`. Behind a TLS
 * terminating proxy the scheme comes from X-Forwarded-Proto. A forged header only misleads the client
 * that sent it: the URL goes back to that client and nowhere else.
 */
export function publicBaseUrl(req: IncomingMessage): string {
  const forwarded = headerValue(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim().toLowerCase();
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const host = headerValue(req.headers.host) ?? `127.0.0.1:${req.socket.localPort}`;
  return `${scheme}://${host}`;
}

export function websocketBaseUrl(req: IncomingMessage): string {
  return publicBaseUrl(req).replace(/^http/, 'ws');
}
