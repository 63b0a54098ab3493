// German text to search terms: lowercased, umlauts folded (ä, ae and a dotless "a" typed for ä all
// meet), Snowball's German stemmer (@orama/stemmers), and compounds split into the words the articles
// use, so "Postfachberechtigungen" finds an article about "Berechtigungen" for a "Postfach" and
// "Weiterleitungsregel" one about "Weiterleitung". The compound stays a term too.
import { stemmer as snowballGerman } from '@orama/stemmers/german';
import type { Analyzer } from './analyzer.js';

const GERMAN_TOKEN = /[a-z0-9]+/g;

/** Folds what German admins type interchangeably: ä/ae/a, ö/oe/o, ü/ue/u, ß/ss; e-mail/email. */
export function normalizeGerman(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä|ae/g, 'a')
    .replace(/ö|oe/g, 'o')
    .replace(/ü|ue/g, 'u')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\be[- ]?mails?\b/g, 'email')
    .replace(/\b(?:add|plug)[- ]?ins?\b/g, 'addin')
    .replace(/\bsingle[- ]sign[- ]?on\b/g, 'sso')
    .replace(/\b(?:sign|log)[- ]?(?:in|on)s?\b/g, 'signin')
    .replace(/\bon[- ]?prem(?:ise|ises)?\b/g, 'onprem')
    .replace(/\bsen[dt][- ]as\b/g, 'sendas')
    .replace(/\bmulti[- ]?fa[ck]tor\w*/g, 'multifaktor')
    .replace(/\b(?:zwei|2)[- ]?fa[ck]tor\w*/g, 'multifaktor');
}

/** Spelling variants that stemming alone would not join. */
const VARIANTS: Readonly<Record<string, string>> = {
  mail: 'email', mails: 'email', emails: 'email', passwort: 'kennwort', passworter: 'kennwort', passwords: 'kennwort', password: 'kennwort',
  kennworter: 'kennwort', pw: 'kennwort', pwd: 'kennwort', lizenzen: 'lizenz', license: 'lizenz', licenses: 'lizenz', licence: 'lizenz', lizensen: 'lizenz', lizens: 'lizenz',
  user: 'benutzer', users: 'benutzer', nutzer: 'benutzer', nutzerin: 'benutzer', benutzerin: 'benutzer', mitarbeiter: 'benutzer', mitarbeiterin: 'benutzer', mitarbeitende: 'benutzer', kollegen: 'benutzer', kollege: 'benutzer', kollegin: 'benutzer',
  mailbox: 'postfach', mailboxes: 'postfach', postfacher: 'postfach', inbox: 'posteingang', account: 'konto', accounts: 'konto', konten: 'konto',
  domain: 'domane', domains: 'domane', domanen: 'domane', abo: 'abonnement', abos: 'abonnement', subscription: 'abonnement', rechnungen: 'rechnung', invoice: 'rechnung',
  admin: 'administrator', admins: 'administrator', administratoren: 'administrator', tenant: 'mandant', sync: 'synchronisierung', synct: 'synchronisierung', synchronisiert: 'synchronisierung', synchronisieren: 'synchronisierung',
  gehackt: 'kompromittiert', handy: 'telefon', smartphone: 'telefon', phone: 'telefon', anrufen: 'telefon', hotline: 'telefon',
};

/** Function words and chat filler; "nicht" and "kein" too (they say something is wrong, not what). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  normalizeGerman(`der die das den dem des ein eine einer einen einem eines und oder aber doch sondern denn weil wenn dass ob als wie
  ich du er sie es wir ihr mich mir dich dir sich uns euch ihm ihn ihnen mein meine meiner meinen meinem unser unsere unserer unseren unserem
  dein deine ihr ihre ihren ihrem sein seine seinen seinem kein keine keinen keinem keiner nicht nichts nie
  ist sind war waren bin bist sei wird werden wurde wurden worden hat haben hatte hatten habe hast kann konnen konnte konnten muss mussen
  soll sollen sollte will wollen mochte mochten darf durfen mag
  in im an am auf aus bei mit nach von vom zu zum zur uber unter vor hinter neben zwischen durch fur gegen ohne um bis seit
  auch noch schon nur sehr so mal bitte danke hallo hi hey guten tag morgen abend ja nein ok okay gern gerne
  hier da dort dann jetzt heute gestern immer wieder mehr weniger viel viele alle alles jeder jede jedes etwas man
  was wer wo wann warum wieso weshalb welche welcher welches wie
  geht gehen ging funktioniert funktionieren klappt klappen problem probleme frage fragen hilfe helfen brauche brauchen
  irgendwie leider einfach eigentlich gerade bereits seit ab`,
  ).split(/\s+/).filter(Boolean),
);

/** Everyday words: known to article prose, but no evidence that a sentence is about Microsoft 365. */
const EVERYDAY_WORDS: ReadonlySet<string> = new Set(
  normalizeGerman(`gut schlecht neu alt gross klein lang kurz hoch niedrig erste letzte nachste zeit tag tage woche wochen monat monate jahr jahre
  leute person personen sache sachen ding dinge art teil weg stelle
  machen macht gemacht gehen kommen kommt sehen sieht wissen weiss denken sagen sagt geben gibt nehmen nimmt finden findet
  chef chefin geschaftsfuhrer geschaftsfuhrerin leiter leiterin kollege kollegin kollegen`,
  ).split(/\s+/).filter(Boolean),
);

export interface GermanLexicon {
  /** Folded surface words of the German articles, 4 letters or more: the parts compounds split into. */
  words: ReadonlySet<string>;
}

/** The lexicon compounds are split against: every word of 4+ letters in the given texts. */
export function germanLexicon(texts: Iterable<string>): GermanLexicon {
  const words = new Set<string>();
  for (const text of texts) for (const w of normalizeGerman(text).match(GERMAN_TOKEN) ?? []) if (w.length >= 4 && !/\d/.test(w)) words.add(w);
  return { words };
}

const LINKING = ['', 's', 'es', 'n', 'en', 'e'];

export function germanAnalyzer(lexicon: GermanLexicon): Analyzer {
  const stemCache = new Map<string, string>();
  const stem = (surface: string): string => {
    let s = stemCache.get(surface);
    if (s === undefined) {
      s = /\d/.test(surface) || surface.length <= 3 ? surface : snowballGerman(surface);
      if (stemCache.size < 100_000) stemCache.set(surface, s);
    }
    return s;
  };
  const lexiconStems = new Set([...lexicon.words].map(stem));
  const known = (part: string): boolean => part.length >= 4 && (lexicon.words.has(part) || lexiconStems.has(stem(part)));
  const splitCache = new Map<string, string[]>();

  /** The parts of a compound (two or three known words), or [] when it is not one. */
  function split(word: string, depth = 0): string[] {
    if (word.length < 8 || depth > 2) return [];
    let parts = depth === 0 ? splitCache.get(word) : undefined;
    if (parts) return parts;
    parts = [];
    // Longest head first: "kennwortrichtlinie" is "kennwort" + "richtlinie", not "kenn" + ...
    for (let cut = word.length - 4; cut >= 4 && parts.length === 0; cut--) {
      const head = word.slice(0, cut);
      const tail = word.slice(cut);
      const headWord = LINKING.map((link) => (link && head.endsWith(link) ? head.slice(0, -link.length) : link ? '' : head)).find((h) => h && known(h));
      if (!headWord) continue;
      if (known(tail)) parts = [headWord, tail];
      else {
        const rest = split(tail, depth + 1);
        if (rest.length > 0) parts = [headWord, ...rest];
      }
    }
    if (depth === 0 && splitCache.size < 50_000) splitCache.set(word, parts);
    return parts;
  }

  return {
    language: 'de',
    normalize: normalizeGerman,
    rawTokens(normalized) {
      const out: string[] = [];
      for (const token of normalized.match(GERMAN_TOKEN) ?? []) {
        out.push(token);
        if (!/\d/.test(token)) out.push(...split(VARIANTS[token] ?? token));
      }
      return out;
    },
    surface: (token) => VARIANTS[token] ?? token,
    isStopWord: (surface) => STOP_WORDS.has(surface),
    stem,
    everydayWords: EVERYDAY_WORDS,
  };
}
