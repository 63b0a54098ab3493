import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Which web pages may talk to the widget endpoints. The page's own origin always may; other sites
 * only when listed in WIDGET_ALLOWED_ORIGINS (`*` for any). Requests without an Origin header
 * (the terminal client, server-to-server calls) are not browser cross-origin requests and pass.
 */
export interface OriginPolicy {
  allows(origin: string | undefined, host: string | undefined): boolean;
}

export function originPolicy(allowedOrigins: readonly string[]): OriginPolicy {
  const any = allowedOrigins.includes('*');
  const listed = new Set(allowedOrigins.map(normalizeOrigin).filter(Boolean));
  return {
    allows(origin, host) {
      if (origin === undefined) return true;
      if (any) return true;
      const normal = normalizeOrigin(origin);
      if (!normal) return false;
      if (listed.has(normal)) return true;
      return host !== undefined && new URL(normal).host === host.toLowerCase();
    },
  };
}

/** `https://Example.com:443/` and `https://example.com` are the same origin. */
export function normalizeOrigin(origin: string): string {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    return url.origin;
  } catch {
    return '';
  }
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-Requested-With, x-ms-bot-agent';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';

/**
 * Applies the policy to a request on a widget path. Returns false when it answered the request
 * itself: a refused origin (403) or a preflight (204).
 */
export function handleCors(req: IncomingMessage, res: ServerResponse, policy: OriginPolicy): boolean {
  const origin = headerValue(req.headers.origin);
  if (!policy.allows(origin, headerValue(req.headers.host))) {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { status: 403, message: 'This origin is not allowed to use the chat endpoint.' } }));
    return false;
  }
  if (origin !== undefined) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return false;
  }
  return true;
}

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
