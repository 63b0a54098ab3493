/**
 * What kind of file a sender's bytes are, decided from the bytes alone. The name's extension and the
 * declared Content-Type are claims anyone can make up: a page with script named `screenshot.png`, served
 * back as what it said it was, would run in the bot's origin. So the content decides the type, the name
 * must agree with it, and only types a browser cannot run are accepted: PNG, JPEG, GIF and WebP images,
 * PDF, and plain text (logs, CSV, JSON) that is valid UTF-8 without NUL bytes. SVG and HTML can carry
 * script and are refused, whatever they are called.
 */

export type FileKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'text';

/** Why a file is not taken: each has a sentence for the admin (catalog `attachments.refused.*`) and the agent API. */
export type RefusalReason = 'empty' | 'tooBig' | 'typeNotAllowed' | 'nameMismatch' | 'tooManyInMessage' | 'tooManyOnTicket' | 'unreadable';

/** The Content-Type a file of each kind is stored and served with. */
export const CONTENT_TYPES: Record<FileKind, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  text: 'text/plain; charset=utf-8',
};

/** The extensions a name may have for each kind; the first is added to a name without one. */
const EXTENSIONS: Record<FileKind, readonly string[]> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  pdf: ['pdf'],
  text: ['txt', 'log', 'csv', 'json'],
};

/** Every extension accepted, for the widget's file picker and the docs. */
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(EXTENSIONS).flat();

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The binary kinds by their magic bytes. */
function binaryKind(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  return undefined;
}

/**
 * Markup a browser would take for a page: an HTML or SVG document, or (within the first bytes, where
 * browsers sniff) an image or PDF that is also a page, a polyglot. A log line that merely quotes a tag
 * further down is fine: text is always served as text/plain with nosniff.
 */
const MARKUP_START = /^\s*<(?:!doctype|html|head|body|svg|\?xml|script|iframe|object|embed|!--|[a-z][\w:-]*[\s>/])/i;
const MARKUP_INSIDE = /<(?:!doctype|html|head|body|svg|script|iframe|object|embed)[\s>/]/i;
const SNIFF_WINDOW = 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function textKind(bytes: Uint8Array): 'text' | 'markup' | undefined {
  if (bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  return MARKUP_START.test(text.slice(0, SNIFF_WINDOW)) ? 'markup' : 'text';
}

/** The extension of a name, lower-case, without the dot; '' when it has none. */
export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? match[1]!.toLowerCase() : '';
}

export type Sniffed = { ok: true; kind: FileKind; contentType: string; name: string } | { ok: false; reason: RefusalReason };

/**
 * The kind of `bytes` and the name to keep (the given one, with the kind's extension added when it
 * had none), or why the file is refused: empty, not an allowed kind (SVG, HTML, an executable, a
 * polyglot), or a name whose extension says something else than the content.
 */
export function sniff(bytes: Uint8Array, name: string): Sniffed {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const extension = extensionOf(name);
  if (extension && !ACCEPTED_EXTENSIONS.includes(extension)) return { ok: false, reason: 'typeNotAllowed' };
  const binary = binaryKind(bytes);
  let kind: FileKind;
  if (binary) {
    const head = Buffer.from(bytes.subarray(0, SNIFF_WINDOW)).toString('latin1');
    if (MARKUP_INSIDE.test(head)) return { ok: false, reason: 'typeNotAllowed' };
    kind = binary;
  } else {
    const text = textKind(bytes);
    if (text !== 'text') return { ok: false, reason: 'typeNotAllowed' };
    kind = 'text';
  }
  if (extension && !EXTENSIONS[kind].includes(extension)) return { ok: false, reason: 'nameMismatch' };
  return { ok: true, kind, contentType: CONTENT_TYPES[kind], name: extension ? name : `${name}.${EXTENSIONS[kind][0]}` };
}

/** Whether a stored type may be shown inline (images); everything else is only ever downloaded. */
export const isInlineImage = (contentType: string) => /^image\/(png|jpeg|gif|webp)$/.test(contentType);
