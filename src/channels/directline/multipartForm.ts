import type { IncomingMessage } from 'node:http';
import { HttpError } from '../../http/index.js';

/**
 * A streaming reader of `multipart/form-data` (RFC 7578) for the Direct Line upload: the form DirectLineJS
 * builds with an `activity` part and one `file` part per attachment. It holds each part in memory (the
 * bytes go to the database next), but checks every limit while the body arrives: a part larger than its
 * limit, too many parts or oversized part headers end the read at once with 413 (or 400 for a form that
 * is not well formed), so a client cannot make the server read, let alone keep, more than the limits.
 * restify's bundled body parser is not used: it writes uploads to temporary files, unbounded by default.
 */

export interface FormPart {
  /** The form field (`activity`, `file`). */
  field: string;
  /** The file name the client gave, if any (`filename*` preferred over `filename`). */
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

export interface FormLimits {
  /** Bytes one part may have, by field name. */
  maxPartBytes(field: string): number;
  maxParts: number;
  /** Message for a part over its limit. */
  tooLargeMessage(field: string): string;
}

const MAX_HEADER_BYTES = 8 * 1024;

/** A part over its limit: which one, and the parts read before it (a client may be told about it). */
export class PartTooLargeError extends HttpError {
  constructor(
    message: string,
    readonly part: Omit<FormPart, 'data'>,
    readonly before: readonly FormPart[],
  ) {
    super(413, message);
  }
}

/** The boundary of a multipart/form-data Content-Type, or undefined when it is not one. */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function headerParameter(header: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i');
  const match = re.exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

function decodeExtended(value: string): string | undefined {
  const match = /^UTF-8'[^']*'(.*)$/i.exec(value);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

function parseHeaders(block: string): Omit<FormPart, 'data'> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  if (!/^form-data\b/i.test(disposition)) throw new HttpError(400, 'Each part of the form needs a Content-Disposition: form-data header.');
  const field = headerParameter(disposition, 'name');
  if (!field) throw new HttpError(400, 'Each part of the form needs a name.');
  const extended = headerParameter(disposition, 'filename\\*');
  // Browsers send the name as UTF-8 bytes in `filename`; the header block was decoded as latin1.
  const plain = headerParameter(disposition, 'filename');
  const fileName = (extended && decodeExtended(extended)) ?? (plain !== undefined ? Buffer.from(plain, 'latin1').toString('utf8') : undefined);
  return { field, ...(fileName !== undefined ? { fileName } : {}), ...(headers.has('content-type') ? { contentType: headers.get('content-type') } : {}) };
}

/** Reads the whole form within the limits; throws HttpError (400, 413) otherwise. */
export async function readMultipartForm(req: IncomingMessage, boundary: string, limits: FormLimits): Promise<FormPart[]> {
  // The body starts with `--boundary`; with a CRLF put in front, every delimiter is `\r\n--boundary`.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buffer: Buffer = Buffer.from('\r\n');
  // Changed inside consume(), which TypeScript's narrowing does not follow.
  let state = 'preamble' as 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done';
  const parts: FormPart[] = [];
  let current: Omit<FormPart, 'data'> | undefined;
  let chunks: Buffer[] = [];
  let size = 0;

  const addToPart = (data: Buffer) => {
    size += data.length;
    if (size > limits.maxPartBytes(current!.field)) throw new PartTooLargeError(limits.tooLargeMessage(current!.field), current!, parts);
    chunks.push(data);
  };

  const consume = () => {
    for (;;) {
      if (state === 'preamble') {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new HttpError(400, 'The form does not start with its boundary.');
          return;
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = 'afterDelimiter';
      } else if (state === 'afterDelimiter') {
        if (buffer.length < 2) return;
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = 'done';
          return;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) {
          if (buffer.length > 256) throw new HttpError(400, 'The form is not well formed.');
          return;
        }
        // Transport padding (spaces, tabs) may follow a delimiter.
        if (buffer.subarray(0, eol).toString('latin1').trim() !== '') throw new HttpError(400, 'The form is not well formed.');
        buffer = buffer.subarray(eol + 2);
        state = 'headers';
      } else if (state === 'headers') {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0 && buffer.length > MAX_HEADER_BYTES) throw new HttpError(413, 'The headers of a form part are too large.');
        if (end < 0) return;
        if (parts.length >= limits.maxParts) throw new HttpError(413, `A form may have at most ${limits.maxParts} parts.`);
        current = parseHeaders(buffer.subarray(0, end).toString('latin1'));
        buffer = buffer.subarray(end + 4);
        chunks = [];
        size = 0;
        state = 'body';
      } else if (state === 'body') {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter split across chunks.
          const keep = Math.min(buffer.length, delimiter.length - 1);
          if (buffer.length > keep) addToPart(Buffer.from(buffer.subarray(0, buffer.length - keep)));
          buffer = Buffer.from(buffer.subarray(buffer.length - keep));
          return;
        }
        addToPart(Buffer.from(buffer.subarray(0, at)));
        parts.push({ ...current!, data: Buffer.concat(chunks) });
        buffer = buffer.subarray(at + delimiter.length);
        state = 'afterDelimiter';
      } else {
        return;
      }
    }
  };

  let epilogue = 0;
  // Not destroyed on an early exit: the 413 must still reach the client over the same connection.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    if (state === 'done') {
      epilogue += chunk.length;
      if (epilogue > MAX_HEADER_BYTES) throw new HttpError(413, 'The form goes on after its closing boundary.');
      continue;
    }
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    consume();
  }
  if (state !== 'done') throw new HttpError(400, 'The form ended before its closing boundary.');
  return parts;
}
