import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { catalog, DEFAULT_LANGUAGE, formattingLocale, LANGUAGES, languageFromLocale, translate, type Language, type MessageKey } from '../i18n/index.js';

/**
 * GET /widget/strings.json?lang=<bcp47>: the web widget's own texts (every `widget.*` message of the
 * clients catalog) in the language that best matches the page's locale, English when none does. The
 * widget runs on other sites and has no catalog of its own, so it asks for this before it draws
 * anything. Public, the same for everyone, cached by browsers and proxies.
 */

export const CLIENT_STRINGS_PATH = '/widget/strings.json';
const MAX_AGE_SECONDS = 300;
/** A BCP 47 tag as browsers and pages write it (de-DE, zh-Hant-TW, de_AT); anything else is ignored. */
export const LOCALE_SHAPE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,4}$/;

export interface ClientStrings {
  /** The language of the strings: en, de, zh-Hans or zh-Hant (the widget's `lang` attribute). */
  language: Language;
  /**
   * The locale for Web Chat and for every activity the widget sends: the page's own when it is of the
   * same language (de-AT), otherwise the language's usual one; Chinese in the forms Web Chat's
   * localization recognises (zh-CN, zh-SG, zh-TW, zh-HK, zh-MO), so its own chrome is translated too.
   */
  locale: string;
  /** Every language offered, named in itself ("Deutsch", "繁體中文"), for a language switcher. */
  languages: Record<Language, string>;
  /** `widget.*` messages, formatted; a simple `{name}` placeholder is left in for the widget to fill. */
  strings: Record<string, string>;
}

/**
 * The locale Web Chat 4.18 should be given. Its normalizeLanguage() maps `de-*` and `en-*` itself, but
 * for Chinese only knows zh-TW/zh-Hant, zh-HK, zh-MO and zh-SG exactly: `zh-Hant-TW` would fall through
 * to Simplified strings. So Chinese goes as region forms.
 */
export function webChatLocale(language: Language, requested?: string | null): string {
  const locale = formattingLocale(language, requested);
  if (language !== 'zh-Hans' && language !== 'zh-Hant') return locale;
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).maximize().region;
  } catch {
    region = undefined;
  }
  if (language === 'zh-Hant') return region === 'HK' ? 'zh-HK' : region === 'MO' ? 'zh-MO' : 'zh-TW';
  return region === 'SG' ? 'zh-SG' : 'zh-CN';
}

const widgetStrings = new Map<Language, Record<string, string>>();

/** The widget's messages in one language. A simple `{name}` argument is formatted back to itself. */
function widgetMessages(language: Language): Record<string, string> {
  let strings = widgetStrings.get(language);
  if (!strings) {
    strings = {};
    for (const [key, message] of Object.entries(catalog('en'))) {
      if (!key.startsWith('widget.')) continue;
      const names = [...message.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]!);
      strings[key] = translate(language, key as MessageKey, Object.fromEntries(names.map((name) => [name, `{${name}}`])));
    }
    widgetStrings.set(language, strings);
  }
  return strings;
}

export function clientStrings(requested?: string | null): ClientStrings {
  const wanted = requested && LOCALE_SHAPE.test(requested) ? requested : undefined;
  const language = languageFromLocale(wanted) ?? DEFAULT_LANGUAGE;
  return {
    language,
    locale: webChatLocale(language, wanted),
    languages: Object.fromEntries(LANGUAGES.map((l) => [l, translate(l, `language.name.${l}`)])) as Record<Language, string>,
    strings: widgetMessages(language),
  };
}

export function mountClientStrings(server: Server): void {
  server.get(CLIENT_STRINGS_PATH, async (req: Request, res: Response) => {
    const requested = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
    const body = Buffer.from(JSON.stringify(clientStrings(requested)), 'utf8');
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const headers = {
      'cache-control': `public, max-age=${MAX_AGE_SECONDS}`,
      etag,
      // Any page that embeds the widget may read them: they are the same public texts for everyone.
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
    res.end(body);
  });
}
