import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName, sniff } from '../../src/attachments/index.js';
import { mayFetch } from '../../src/attachments/remoteFile.js';
import { exe, gif, html, jpeg, log, pdf, png, polyglot, svg, webp } from './files.js';

describe('sniffing a file from its content', () => {
  it.each([
    ['screenshot.png', png(), 'image/png'],
    ['photo.JPG', jpeg(), 'image/jpeg'],
    ['photo.jpeg', jpeg(), 'image/jpeg'],
    ['spinner.gif', gif(), 'image/gif'],
    ['capture.webp', webp(), 'image/webp'],
    ['report.pdf', pdf(), 'application/pdf'],
    ['outlook.log', log(), 'text/plain; charset=utf-8'],
    ['users.csv', Buffer.from('name,email\nSam,sam@contoso.com\n'), 'text/plain; charset=utf-8'],
    ['export.json', Buffer.from('{"error": "Quota exceeded", "code": 507}'), 'text/plain; charset=utf-8'],
    ['notes.txt', Buffer.from('\ufeffGrüße, 你好 — UTF-8 with a BOM'), 'text/plain; charset=utf-8'],
  ])('takes %s as %s', (name, bytes, contentType) => {
    expect(sniff(bytes, name)).toEqual({ ok: true, kind: expect.any(String), contentType, name });
  });

  it.each([
    ['an SVG', 'logo.svg', svg()],
    ['an SVG named .png', 'logo.png', svg()],
    ['an HTML page named .txt', 'readme.txt', html()],
    ['an HTML page named .html', 'page.html', html()],
    ['an executable named .exe', 'setup.exe', exe()],
    ['an executable renamed to .png', 'screenshot.png', exe()],
    ['a GIF that is also a web page', 'funny.gif', polyglot()],
    ['text that is not UTF-8', 'latin1.txt', Buffer.from('Gr\xfc\xdfe', 'latin1')],
    ['text with NUL bytes', 'dump.log', Buffer.from('abc\0def')],
  ])('refuses %s as a type it does not take', (_what, name, bytes) => {
    expect(sniff(bytes, name)).toEqual({ ok: false, reason: 'typeNotAllowed' });
  });

  it.each([
    ['a PDF renamed to .png', 'scan.png', pdf()],
    ['a PNG renamed to .txt', 'image.txt', png()],
    ['a log renamed to .jpg', 'errors.jpg', log()],
    ['a JPEG renamed to .gif', 'photo.gif', jpeg()],
  ])('refuses %s: the name and the content disagree', (_what, name, bytes) => {
    expect(sniff(bytes, name)).toEqual({ ok: false, reason: 'nameMismatch' });
  });

  it('refuses an empty file', () => {
    expect(sniff(Buffer.alloc(0), 'empty.txt')).toEqual({ ok: false, reason: 'empty' });
  });

  it('gives a name without an extension the one its content has', () => {
    expect(sniff(png(), 'blob')).toMatchObject({ ok: true, name: 'blob.png' });
    expect(sniff(log(), 'README')).toMatchObject({ ok: true, name: 'README.txt' });
  });
});

describe('file names', () => {
  it.each([
    ['C:\\Users\\sam\\Desktop\\screenshot.png', 'screenshot.png'],
    ['../../etc/passwd', 'passwd'],
    ['..', 'file'],
    ['   ', 'file'],
    ['.htaccess', 'htaccess'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
    ['a\u0000b\r\nc.txt', 'abc.txt'],
    ['what?*<>|:".log', 'what_______.log'],
    ['Bericht über Störung.pdf', 'Bericht über Störung.pdf'],
  ])('cleans %j to %j', (raw, clean) => {
    expect(sanitizeFileName(raw)).toBe(clean);
  });

  it('shortens a long name and keeps its extension', () => {
    const name = sanitizeFileName(`${'x'.repeat(300)}.json`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.json')).toBe(true);
  });

  it('puts a name in Content-Disposition as ASCII and as UTF-8 (RFC 6266, RFC 5987)', () => {
    expect(contentDisposition('attachment', 'Bericht über Störung (1).pdf')).toBe(
      "attachment; filename=\"Bericht _ber St_rung (1).pdf\"; filename*=UTF-8''Bericht%20%C3%BCber%20St%C3%B6rung%20%281%29.pdf",
    );
    expect(contentDisposition('inline', '屏幕截图.png')).toBe("inline; filename=\"____.png\"; filename*=UTF-8''%E5%B1%8F%E5%B9%95%E6%88%AA%E5%9B%BE.png");
  });
});

describe('which channel file URLs are read', () => {
  it.each([
    ['https://contoso-my.sharepoint.com/personal/megan/download.aspx?UniqueId=1', false, true],
    ['https://smba.trafficmanager.net/amer/v3/attachments/1/views/original', false, true],
    ['http://contoso-my.sharepoint.com/file.log', false, false],
    ['http://127.0.0.1:8080/file.log', false, false],
    ['https://localhost/file.log', false, false],
    ['http://127.0.0.1:8080/file.log', true, true],
    ['http://10.0.0.5/file.log', true, false],
    ['https://user:secret@example.com/file.log', false, false],
    ['file:///etc/passwd', true, false],
  ])('%s (loopback allowed: %s) → %s', (url, allowLoopback, allowed) => {
    expect(mayFetch(new URL(url), allowLoopback)).toBe(allowed);
  });
});
