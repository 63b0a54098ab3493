import type { Attachment } from './attachmentService.js';
import { contentDisposition } from './fileName.js';
import { isInlineImage } from './fileTypes.js';

/**
 * The headers every download of a file carries, the agents' and the admins' alike. The type is the
 * sniffed one and `nosniff` keeps the browser to it; the sandbox CSP means that even if a browser did
 * render the bytes as a page, it would be an opaque origin with no script and nothing to load. Only an
 * image may be shown in place (Web Chat draws it); everything else is a download. Nothing is cached:
 * the files are personal and the links are credentials.
 */
export function downloadHeaders(attachment: Pick<Attachment, 'name' | 'contentType' | 'size'>, mode: 'download' | 'inlineImage'): Record<string, string> {
  const inline = mode === 'inlineImage' && isInlineImage(attachment.contentType);
  return {
    'Content-Type': attachment.contentType,
    'Content-Length': String(attachment.size),
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', attachment.name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': 'private, no-store',
    'Referrer-Policy': 'no-referrer',
  };
}
