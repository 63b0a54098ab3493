import type { Request, Response, Server } from 'restify';
import { translate, type Language } from '../i18n/index.js';

/**
 * The "stop emails about this request" page every notification links to (src/notifications/):
 *   GET  /notifications/unsubscribe/<token>   a page that asks, with one button (a link preview or a
 *                                             mail scanner that follows links must not unsubscribe anyone)
 *   POST /notifications/unsubscribe/<token>   does it: the page's button, and the mail client's one-click
 *                                             unsubscribe (RFC 8058, body "List-Unsubscribe=One-Click")
 * The token is signed by the notifications module; this file only reads the request and answers.
 */

export interface UnsubscribeHandler {
  read(token: string): Promise<{ ticketNumber: string; recipient: string; language: Language } | undefined>;
  unsubscribe(ticketNumber: string, recipient: string): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: Response, status: number, language: Language, title: string, body: string): void {
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:Segoe UI,Helvetica,Arial,sans-serif;background:#f4f5f7;color:#1f2328;margin:0;padding:24px}main{max-width:480px;margin:40px auto;background:#fff;border:1px solid #dfe1e6;border-radius:8px;padding:24px}button{font:inherit;padding:10px 18px;border:0;border-radius:6px;background:#0f6cbd;color:#fff;font-weight:600;cursor:pointer}</style></head>
<body><main><h1 style="font-size:20px">${escapeHtml(title)}</h1>${body}</main></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

export function mountUnsubscribePage(server: Server, handler: UnsubscribeHandler): void {
  const answer = (doIt: boolean) => async (req: Request, res: Response) => {
    const token = String((req.params as Record<string, unknown>)?.token ?? '');
    const found = await handler.read(token).catch(() => undefined);
    if (!found) {
      page(res, 404, 'en', translate('en', 'notify.page.invalid'), '');
      return;
    }
    const { ticketNumber: number, language } = found;
    const title = translate(language, 'notify.page.title', { number });
    if (doIt) {
      // The body is not needed (one-click sends List-Unsubscribe=One-Click); drain it without reading it all.
      req.resume();
      await handler.unsubscribe(number, found.recipient);
      page(res, 200, language, title, `<p>${escapeHtml(translate(language, 'notify.page.done', { number }))}</p>`);
      return;
    }
    page(
      res,
      200,
      language,
      title,
      `<p>${escapeHtml(translate(language, 'notify.page.confirm', { number }))}</p><form method="post"><button type="submit">${escapeHtml(translate(language, 'notify.page.button'))}</button></form>`,
    );
  };
  server.get('/notifications/unsubscribe/:token', answer(false));
  server.post('/notifications/unsubscribe/:token', answer(true));
}
