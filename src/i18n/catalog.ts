// Message catalogs: one per language in catalogs/<language>/, ICU MessageFormat, flat dotted keys. A
// language's catalog is kept in a few files by area so each part of the product edits its own:
// common (language names), conversation (dialogs and cards), domain (tickets, support rules, handoff),
// understanding (the words replies are recognised by), clients (widget, terminal chat, Teams app),
// identity (who the admin is across tabs, ownership codes, the widget's live status), cards (card
// labels and the article page), attachments (files both ways), agentTools (what agents' tools say to admins),
// insights (the satisfaction question and what the conversation records), notifications (email and
// Teams notifications to admins).
// English is the reference: its keys are the MessageKey type, and a test holds every other catalog to
// the same keys and the same placeholders. Code holds keys; every sentence a person reads is here.
import { readFileSync } from 'node:fs';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { fromProjectRoot } from '../projectRoot.js';
import type common from './catalogs/en/common.json';
import type conversation from './catalogs/en/conversation.json';
import type domain from './catalogs/en/domain.json';
import type understanding from './catalogs/en/understanding.json';
import type clients from './catalogs/en/clients.json';
import type identity from './catalogs/en/identity.json';
import type cards from './catalogs/en/cards.json';
import type attachments from './catalogs/en/attachments.json';
import type agentTools from './catalogs/en/agentTools.json';
import type insights from './catalogs/en/insights.json';
import type notifications from './catalogs/en/notifications.json';
import { formattingLocale, LANGUAGES, type Language } from './languages.js';

export const CATALOG_AREAS = ['common', 'conversation', 'domain', 'understanding', 'clients', 'identity', 'cards', 'attachments', 'agentTools', 'insights', 'notifications'] as const;
export type MessageKey =
  | keyof typeof common
  | keyof typeof conversation
  | keyof typeof domain
  | keyof typeof understanding
  | keyof typeof clients
  | keyof typeof identity
  | keyof typeof cards
  | keyof typeof attachments
  | keyof typeof agentTools
  | keyof typeof insights
  | keyof typeof notifications;
export type MessageValue = string | number | Date;
export type MessageValues = Readonly<Record<string, MessageValue | undefined>>;

export const catalogFile = (language: Language, area: (typeof CATALOG_AREAS)[number]): string =>
  fromProjectRoot(`src/i18n/catalogs/${language}/${area}.json`);

const catalogs = new Map<Language, Record<string, string>>();

/** The raw catalog of a language (loaded once; the English one for keys a translation lacks). */
export function catalog(language: Language): Readonly<Record<string, string>> {
  let messages = catalogs.get(language);
  if (!messages) {
    const loaded: Record<string, string> = {};
    for (const area of CATALOG_AREAS) Object.assign(loaded, JSON.parse(readFileSync(catalogFile(language, area), 'utf8')) as Record<string, string>);
    messages = loaded;
    catalogs.set(language, messages);
  }
  return messages;
}

const cache = createIntlCache();
const intls = new Map<string, IntlShape>();

function intlFor(language: Language, locale: string): IntlShape {
  const key = `${language}|${locale}`;
  let intl = intls.get(key);
  if (!intl) {
    const messages = language === 'en' ? catalog('en') : { ...catalog('en'), ...catalog(language) };
    intl = createIntl(
      {
        locale,
        defaultLocale: 'en-US',
        messages,
        // A missing placeholder value or a broken message must show, not turn into a silent blank.
        onError: (error) => {
          throw error;
        },
      },
      cache,
    );
    intls.set(key, intl);
  }
  return intl;
}

/**
 * The sentence for `key` in `language`, with ICU placeholders (`{count, plural, one {...} other {...}}`,
 * `{name}`) filled from `values`. `locale` (the channel's, e.g. de-AT) refines number and date formats.
 */
export function translate(language: Language, key: MessageKey, values?: MessageValues, locale?: string): string {
  const intl = intlFor(language, formattingLocale(language, locale));
  return intl.formatMessage({ id: key }, values as Record<string, MessageValue> | undefined) as string;
}

/**
 * A list kept in the catalog as one message of `|`-separated entries: the words a language uses for an
 * answer ("ja|jep|genau|klar"). Entries are trimmed; empty ones dropped.
 */
export function translateList(language: Language, key: MessageKey): string[] {
  return translate(language, key)
    .split('|')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The same list in every language: for understanding a reply whatever language it is typed in. */
export function listInEveryLanguage(key: MessageKey): string[] {
  return [...new Set(LANGUAGES.flatMap((language) => translateList(language, key)))];
}

/**
 * A joined list in the language's own style: "A, B and C", "A, B und C", "A、B和C". English lists are
 * written as every English sentence of the product is, without a comma before "and" (en-GB's style).
 */
export function formatList(language: Language, items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return intlFor(language, language === 'en' ? 'en-GB' : formattingLocale(language)).formatList(items, { type }) as string;
}
