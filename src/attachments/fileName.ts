/**
 * A sender's file name is only ever shown and put in Content-Disposition, never used as a path. It is
 * still cleaned, because it reaches screens and headers: directory parts, control and bidirectional
 * override characters (which make `gpj.exe` look like `exe.jpg`) and characters file systems or headers
 * reject are taken out, and it is shortened with its extension kept.
 */

export const MAX_NAME_LENGTH = 120;
export const FALLBACK_NAME = 'file';

// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and BOM characters.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /[<>:"/\\|?*]/g;

export function sanitizeFileName(raw: string): string {
  const lastPart = raw.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  let name = lastPart.replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  // A name of dots only ('.', '..') or starting with one would be hidden or mean a directory elsewhere.
  name = name.replace(/^\.+/, '').trim();
  if (!name) return FALLBACK_NAME;
  const chars = [...name];
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 11 ? name.slice(dot) : '';
  return [...name.slice(0, name.length - extension.length)].slice(0, MAX_NAME_LENGTH - extension.length).join('').trimEnd() + extension;
}

/** RFC 5987 `attr-char`s stay, everything else is percent-encoded from UTF-8. */
const encodeRfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Content-Disposition header (RFC 6266) for a sanitised name: an ASCII `filename` for old clients
 * and the exact name as `filename*` in UTF-8.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const asciiName = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${asciiName}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
