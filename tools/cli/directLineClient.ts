import WebSocket from 'ws';
import type { ActivitySet, DirectLineActivity, WidgetToken } from '../../src/channels/index.js';

/**
 * A small Direct Line 3.0 client for Node (the terminal chat): the same calls Web Chat's client
 * makes, against the embedded endpoint or the Azure service, whichever the bot's token route names.
 * It starts a conversation, streams activities over the WebSocket (reconnecting from its watermark
 * when the socket drops), posts activities, and refreshes the token before it expires.
 */

export interface DirectLineSession {
  conversationId: string;
  userId: string | undefined;
  post(activity: Record<string, unknown>): Promise<string>;
  close(): void;
}

export interface ConnectOptions {
  /** The bot server, e.g. http://localhost:3978 */
  botUrl: string;
  onActivity(activity: DirectLineActivity): void;
  onConnectionChange?(state: 'online' | 'reconnecting' | 'ended', detail?: string): void;
  fetchImpl?: typeof fetch;
}

const REFRESH_EVERY_MS = 15 * 60 * 1000;
const RECONNECT_DELAY_MS = 1_000;

export class DirectLineError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DirectLineError';
  }
}

async function request<T>(fetchImpl: typeof fetch, url: string, method: string, token?: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    throw new DirectLineError(`cannot reach ${new URL(url).origin} (${(err as Error).message})`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      message = JSON.parse(text).error?.message ?? message;
    } catch {
      // not JSON; keep the status
    }
    throw new DirectLineError(message, res.status);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

/** The user id a Direct Line token carries, if it is a JWT with a `user` claim. */
export function userIdFromToken(token: string): string | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).user;
  } catch {
    return undefined;
  }
}

export async function connect({ botUrl, onActivity, onConnectionChange, fetchImpl = fetch }: ConnectOptions): Promise<DirectLineSession> {
  const issued = await request<WidgetToken>(fetchImpl, `${botUrl.replace(/\/+$/, '')}/api/directline/token`, 'POST');
  const domain = issued.domain.replace(/\/+$/, '');
  let token = issued.token;
  const started = await request<{ conversationId: string; token: string; streamUrl: string }>(fetchImpl, `${domain}/conversations`, 'POST', token);
  const conversationId = started.conversationId;
  token = started.token || token;
  let watermark = '';
  let closed = false;
  let socket: WebSocket | undefined;

  const openStream = (streamUrl: string) => {
    const ws = new WebSocket(streamUrl);
    socket = ws;
    ws.on('open', () => onConnectionChange?.('online'));
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text) return; // keep-alive
      const frame = JSON.parse(text) as ActivitySet;
      if (frame.watermark) watermark = frame.watermark;
      for (const activity of frame.activities) onActivity(activity);
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      if (closed) return;
      onConnectionChange?.('reconnecting');
      setTimeout(() => void reconnect(), RECONNECT_DELAY_MS).unref();
    });
  };

  // As Direct Line JS does: a dropped socket gets a fresh streamUrl from the current watermark.
  const reconnect = async () => {
    if (closed) return;
    try {
      const again = await request<{ streamUrl: string; token?: string }>(
        fetchImpl,
        `${domain}/conversations/${encodeURIComponent(conversationId)}?watermark=${encodeURIComponent(watermark)}`,
        'GET',
        token,
      );
      if (again.token) token = again.token;
      openStream(again.streamUrl);
    } catch (err) {
      if (err instanceof DirectLineError && (err.status === 403 || err.status === 404)) {
        closed = true;
        onConnectionChange?.('ended', err.message);
        return;
      }
      setTimeout(() => void reconnect(), RECONNECT_DELAY_MS * 3).unref();
    }
  };

  const refresher = setInterval(async () => {
    try {
      token = (await request<{ token: string }>(fetchImpl, `${domain}/tokens/refresh`, 'POST', token)).token;
    } catch {
      // The next request will report an expired token if this keeps failing.
    }
  }, REFRESH_EVERY_MS);
  refresher.unref();

  openStream(started.streamUrl);

  return {
    conversationId,
    userId: userIdFromToken(token),
    async post(activity) {
      const userId = userIdFromToken(token);
      const body = { ...activity, from: { id: userId ?? 'user', ...(activity.from as object | undefined) } };
      const { id } = await request<{ id: string }>(fetchImpl, `${domain}/conversations/${encodeURIComponent(conversationId)}/activities`, 'POST', token, body);
      return id;
    },
    close() {
      closed = true;
      clearInterval(refresher);
      socket?.close();
    },
  };
}
