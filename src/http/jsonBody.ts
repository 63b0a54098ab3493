import type { IncomingMessage } from 'node:http';
import type { Response } from 'restify';
import { nestedDeeperThan, wellFormedJson } from './wellFormedText.js';

export const MAX_BODY_BYTES = 256 * 1024;
/**
 * How deep arrays and objects may nest in a request body (the body itself is level 1). Channels send
 * activities a dozen levels deep at most, Adaptive Cards included; far deeper is no real client.
 */
export const MAX_JSON_DEPTH = 64;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly publicMessage: string,
  ) {
    super(publicMessage);
  }
}

/**
 * Reads a JSON request body with a size cap. Failures become an HttpError whose message is safe to
 * show: the parser's own text (which can echo the body) never reaches the client. A body nested deeper
 * than MAX_JSON_DEPTH is refused (400). Strings come back well-formed at every depth (see
 * wellFormedText.ts), so nothing read here can fail a database write later.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new HttpError(413, `Request body is larger than ${limit / 1024} KB.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new HttpError(413, `Request body is larger than ${limit / 1024} KB.`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'Request body is empty; a JSON object is expected.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON.');
  }
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) throw new HttpError(400, `Request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  return wellFormedJson(parsed);
}

/** Sends a JSON error with a fixed, safe message: never a stack trace or internal error text. */
export function sendError(res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  res.status(status);
  res.json({ error: { status, message } });
}

/** Reads the JSON body; on failure answers the request (400/413) and returns undefined. */
export async function jsonBodyOrReply(req: IncomingMessage, res: Response, limit = MAX_BODY_BYTES): Promise<{ body: unknown } | undefined> {
  try {
    return { body: await readJsonBody(req, limit) };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    sendError(res, err.status, err.publicMessage);
    return undefined;
  }
}
