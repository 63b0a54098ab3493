import { createServer, type Server } from 'node:http';

/**
 * A channel's Bot Connector on loopback that is slow, throttles or fails on demand. It records every
 * send (POST .../v3/conversations/{id}/activities[/{replyToId}]) with when it arrived and what it was
 * answered, so a test can tell what the user saw, how often and in which order.
 */

export interface Send {
  conversationId: string;
  type: string;
  text: string;
  status: number;
  arrivedAt: number;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface SlowConnector {
  url: string;
  sends: Send[];
  /** Messages the user saw (sends answered 2xx, or 5xx: those may have been posted), in arrival order. */
  seen(conversationId: string): string[];
  /** The next sends get these answers, in order; afterwards every send gets `fallback`. */
  script(...answers: Answer[]): void;
  fallback: Answer;
  close(): Promise<void>;
}

export async function startSlowConnector(fallback: Answer = { status: 200 }): Promise<SlowConnector> {
  const sends: Send[] = [];
  const scripted: Answer[] = [];
  let seq = 0;
  const connector: SlowConnector = {
    url: '',
    sends,
    fallback,
    seen: (conversationId) => sends.filter((s) => s.conversationId === conversationId && s.type === 'message' && (s.status < 300 || s.status >= 500)).map((s) => s.text),
    script: (...answers) => void scripted.push(...answers),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { type?: string; text?: string };
      const answer = scripted.shift() ?? connector.fallback;
      setTimeout(() => {
        sends.push({ conversationId: decodeURIComponent(match[1]!), type: body.type ?? '', text: body.text ?? '', status: answer.status, arrivedAt });
        res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        res.end(answer.status < 300 ? JSON.stringify({ id: `msg-${++seq}` }) : JSON.stringify({ error: { code: 'Failure', message: 'scripted failure' } }));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connector.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return connector;
}
