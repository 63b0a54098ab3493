import type { Request, Response, Server } from 'restify';
import { DEFAULT_LANGUAGE, formattingLocale, knownTimeZone, languageFromLocale, type Language } from '../i18n/index.js';
import { LOCALE_SHAPE } from './clientStrings.js';

/**
 * GET /widget/status?lang=<bcp47>&tz=<IANA zone>&cloud=<cloud>: whether a person can help now, for the
 * widget's header (agents online, the wait to reach one, the admin's support lines open or closed).
 * Public like the widget's strings, but short-lived: it changes as agents come and go. What it says
 * is computed by the handoff module; this file only reads the query and answers.
 */

export const WIDGET_STATUS_PATH = '/widget/status';
const MAX_AGE_SECONDS = 15;
const ZONE_SHAPE = /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$|^UTC$/;

export interface WidgetStatusQuery {
  language: Language;
  locale: string;
  timeZone?: string;
  cloud?: string;
}

/** The status in the query's terms; what comes back is sent as JSON. */
export type WidgetStatusProvider = (query: WidgetStatusQuery) => Promise<object>;

/** A zone the runtime knows, else undefined (the status is then read without the admin's zone). */
function knownZone(value: string | null): string | undefined {
  if (!value || value.length > 64 || !ZONE_SHAPE.test(value)) return undefined;
  return knownTimeZone(value);
}

export function readWidgetStatusQuery(url: string | undefined): WidgetStatusQuery {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  const requested = params.get('lang');
  const wanted = requested && LOCALE_SHAPE.test(requested) ? requested : undefined;
  const language = languageFromLocale(wanted) ?? DEFAULT_LANGUAGE;
  const cloud = params.get('cloud');
  return {
    language,
    locale: formattingLocale(language, wanted),
    timeZone: knownZone(params.get('tz')),
    cloud: cloud && /^[a-z0-9]{1,20}$/.test(cloud) ? cloud : undefined,
  };
}

export function mountWidgetStatus(server: Server, provider: WidgetStatusProvider): void {
  server.get(WIDGET_STATUS_PATH, async (req: Request, res: Response) => {
    const body = Buffer.from(JSON.stringify(await provider(readWidgetStatusQuery(req.url))), 'utf8');
    res.writeHead(200, {
      'cache-control': `public, max-age=${MAX_AGE_SECONDS}`,
      // Any page that embeds the widget may read it, like the widget's strings.
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(body.length),
    });
    res.end(body);
  });
}
