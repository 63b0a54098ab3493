/**
 * What a typed reply means at each question, in German (issue #16): the same questions as the English
 * table (understanding.test.ts), asked as the German conversation asks them (titles in German, the words
 * of every language understood), with the replies German admins type: "jep", "nö", "leider nicht",
 * "die zweite", "Nummer 2", "mach B daraus", "lieber per Telefon", umlauts typed as ae/oe/ue.
 */
import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../dialogs/intents.js';
import { YES_NO } from '../../dialogs/prompting.js';
import { recogniseSmallTalk } from '../../dialogs/smallTalk.js';
import { understand, type Option } from '../../dialogs/understanding.js';
import { listInEveryLanguage, translate, type Language, type MessageKey } from '../../src/i18n/index.js';

/** The conversation's questions as the dialogs ask them in `language`: titles in it, synonyms in every language. */
function steps(language: Language): Record<string, Option[]> {
  const o = (value: string, title: MessageKey, synonyms: MessageKey, extra: Partial<Option> = {}): Option => ({ value, title: translate(language, title), synonyms: listInEveryLanguage(synonyms), ...extra });
  const prefixes = listInEveryLanguage('severity.prefixes');
  const sev = (s: string): Option => ({ value: s, title: translate(language, 'severity.makeIt', { severity: s }), synonyms: [...prefixes.flatMap((p) => [`${p} ${s}`, `${p}${s}`]), s.toLowerCase()] });
  const keep = o('keep', 'severity.keep', 'severity.keep.synonyms', { means: 'yes', safeDefault: true });
  return {
    admin: [o('yes', 'adminCheck.yes', 'adminCheck.yes.synonyms', { means: 'yes' }), o('no', 'adminCheck.no', 'adminCheck.no.synonyms', { means: 'no' }), o('unsure', 'adminCheck.unsure', 'adminCheck.unsure.synonyms', { safeDefault: true })],
    selfHelp: [
      o('solved', 'selfHelp.solved', 'selfHelp.solved.synonyms', { means: 'yes', wishes: ['done'] }),
      o('not-solved', 'selfHelp.notSolved', 'selfHelp.notSolved.synonyms', { means: 'no', wishes: ['escalate', 'human', 'callMe'], safeDefault: true }),
      o('more', 'selfHelp.showMore', 'selfHelp.showMore.synonyms'),
    ],
    incident: [
      o('continue', 'serviceHealth.continue', 'serviceHealth.continue.synonyms', { means: 'yes', wishes: ['escalate', 'human', 'callMe'], safeDefault: true }),
      o('wait', 'serviceHealth.wait', 'serviceHealth.wait.synonyms', { means: 'no', wishes: ['done'] }),
    ],
    severity: [keep, sev('A'), sev('C')],
    severityB: [keep, sev('B'), sev('C')],
    impact: [
      o('unusable', 'severity.impact.unusable', 'severity.impact.unusable.synonyms'),
      o('impaired', 'severity.impact.impaired', 'severity.impact.impaired.synonyms', { safeDefault: true }),
      o('minimal', 'severity.impact.minimal', 'severity.impact.minimal.synonyms'),
    ],
    scope: [o('everyone', 'severity.scope.everyone', 'severity.scope.everyone.synonyms'), o('many', 'severity.scope.many', 'severity.scope.many.synonyms'), o('one', 'severity.scope.one', 'severity.scope.one.synonyms')],
    yesNo: YES_NO.map((x) => ({ ...x, title: translate(language, x.title as MessageKey) })),
    contactMethod: [
      o('phone', 'contact.method.phone', 'contact.method.phone.synonyms', { takes: 'phone', wishes: ['callMe'] }),
      o('email', 'contact.method.email', 'contact.method.email.synonyms', { takes: 'email' }),
      o('teams_chat', 'contact.method.teams_chat', 'contact.method.teams_chat.synonyms'),
    ],
    summary: [
      o('submit', 'review.submit', 'review.submit.synonyms', { means: 'yes', wishes: ['escalate'] }),
      o('edit-severity', 'review.edit.severity', 'review.edit.severity.synonyms'),
      o('edit-contact', 'review.edit.contact', 'review.edit.contact.synonyms'),
    ],
    cloud: [o('worldwide', 'cloud.worldwide', 'cloud.worldwide.synonyms', { safeDefault: true }), o('21vianet', 'cloud.21vianet', 'cloud.21vianet.synonyms'), o('germany', 'cloud.germany', 'cloud.germany.synonyms')],
  };
}

type Row = [step: string, reply: string, expected: string];
type IntentRow = [text: string, expected: string | undefined];

function runTables(language: Language, table: Row[], intents: IntentRow[], smallTalk: IntentRow[]): void {
  const STEPS = steps(language);
  describe(`reply understanding in ${language}: the table`, () => {
    it('has at least 80 rows', () => {
      expect(table.length).toBeGreaterThanOrEqual(80);
    });
    it.each(table)('at %s, "%s" means %s', (step, reply, expected) => {
      const meaning = understand(reply, STEPS[step]!);
      const got = meaning.kind === 'option' ? meaning.value : meaning.kind === 'wish' ? `wish:${meaning.wish}` : 'unknown';
      expect(got).toBe(expected);
    });
  });
  describe(`global intents and wishes in ${language}`, () => {
    it.each(intents)('"%s" is %s', (text, expected) => {
      const intent = detectIntent(text);
      const got = !intent ? undefined : 'number' in intent ? `${intent.kind} ${intent.number}${'text' in intent && intent.text ? `: ${intent.text}` : ''}` : intent.kind;
      expect(got).toBe(expected);
    });
  });
  describe(`small talk in ${language}`, () => {
    it.each(smallTalk)('"%s" is %s', (text, expected) => {
      expect(recogniseSmallTalk(text)).toBe(expected);
    });
  });
}

const TABLE: Row[] = [
  // Sind Sie Administrator?
  ['admin', 'ja', 'yes'],
  ['admin', 'Ja.', 'yes'],
  ['admin', 'jep', 'yes'],
  ['admin', 'genau', 'yes'],
  ['admin', 'klar, ich bin der Admin', 'yes'],
  ['admin', 'ähm ja', 'yes'],
  ['admin', 'nein', 'no'],
  ['admin', 'nö', 'no'],
  ['admin', 'nee, ich bin nur normaler Benutzer', 'no'],
  ['admin', 'leider nicht', 'no'],
  ['admin', 'weiß nicht', 'unsure'],
  ['admin', 'weiss nicht', 'unsure'],
  ['admin', 'keine Ahnung', 'unsure'],
  ['admin', 'die dritte', 'unsure'],
  ['admin', 'Nummer 2', 'no'],
  ['admin', 'mit einem Menschen sprechen', 'wish:human'],
  ['admin', 'ich möchte eine Anfrage eröffnen', 'wish:escalate'],
  ['admin', 'was ist ein Admin?', 'unknown'],
  ['admin', 'Banane', 'unknown'],
  // Hat das geholfen?
  ['selfHelp', 'ja', 'solved'],
  ['selfHelp', 'Ja, gelöst', 'solved'],
  ['selfHelp', 'hat geklappt', 'solved'],
  ['selfHelp', 'es funktioniert wieder, danke', 'solved'],
  ['selfHelp', 'geloest', 'solved'],
  ['selfHelp', 'passt, läuft wieder', 'solved'],
  ['selfHelp', 'das wars, danke', 'solved'],
  ['selfHelp', 'nein', 'not-solved'],
  ['selfHelp', 'leider nicht', 'not-solved'],
  ['selfHelp', 'geht immer noch nicht', 'not-solved'],
  ['selfHelp', 'nein, hat nicht geholfen', 'not-solved'],
  ['selfHelp', 'funktioniert nicht', 'not-solved'],
  ['selfHelp', 'immer noch derselbe Fehler', 'not-solved'],
  ['selfHelp', 'ich möchte ein Ticket eröffnen', 'not-solved'],
  ['selfHelp', 'bitte eine Supportanfrage erstellen', 'not-solved'],
  ['selfHelp', 'rufen Sie mich an', 'not-solved'],
  ['selfHelp', 'ich will mit einem Mitarbeiter sprechen', 'not-solved'],
  ['selfHelp', 'mehr anzeigen', 'more'],
  ['selfHelp', 'weitere Artikel bitte', 'more'],
  ['selfHelp', 'die letzte', 'more'],
  ['selfHelp', 'die zweite', 'not-solved'],
  ['selfHelp', 'gibt es Neuigkeiten zu meinem Ticket?', 'wish:ticketUpdate'],
  ['selfHelp', 'wie bitte?', 'unknown'],
  ['selfHelp', 'Banane', 'unknown'],
  // Bekanntes Problem: weiter?
  ['incident', 'ja', 'continue'],
  ['incident', 'weiter', 'continue'],
  ['incident', 'nein, das ist es nicht', 'continue'],
  ['incident', 'anderes Problem', 'continue'],
  ['incident', 'bitte trotzdem ein Ticket eröffnen', 'continue'],
  ['incident', 'rufen Sie mich bitte an', 'continue'],
  ['incident', 'nein', 'wait'],
  ['incident', 'nö', 'wait'],
  ['incident', 'ich warte', 'wait'],
  ['incident', 'das erklärt es', 'wait'],
  ['incident', 'wie lange dauert das noch?', 'unknown'],
  // Schweregrad
  ['severity', 'ja', 'keep'],
  ['severity', 'passt', 'keep'],
  ['severity', 'Ja, das passt', 'keep'],
  ['severity', 'mach A daraus', 'A'],
  ['severity', 'lieber C', 'C'],
  ['severity', 'Schweregrad A', 'A'],
  ['severity', 'doch C', 'C'],
  ['severity', 'Nummer 3', 'C'],
  ['severityB', 'mach B daraus', 'B'],
  ['severityB', 'nein, lieber C', 'C'],
  ['severityB', 'ändern auf B', 'B'],
  // Auswirkung und Betroffene
  ['impact', 'komplett ausgefallen', 'unusable'],
  ['impact', 'nur langsam', 'impaired'],
  ['impact', 'die erste', 'unusable'],
  ['scope', 'alle', 'everyone'],
  ['scope', 'die ganze Firma', 'everyone'],
  ['scope', 'nur ich', 'one'],
  ['scope', 'mehrere', 'many'],
  ['scope', 'Nummer eins', 'everyone'],
  // Ja oder nein
  ['yesNo', 'ja', 'yes'],
  ['yesNo', 'jo', 'yes'],
  ['yesNo', 'auf jeden Fall', 'yes'],
  ['yesNo', 'yes', 'yes'],
  ['yesNo', 'nein', 'no'],
  ['yesNo', 'eher nicht', 'no'],
  ['yesNo', 'noch nicht', 'no'],
  ['yesNo', 'nee danke', 'no'],
  ['yesNo', 'keine Ahnung', 'unknown'],
  // Kontaktweg
  ['contactMethod', 'lieber per Telefon', 'phone'],
  ['contactMethod', 'doch E-Mail', 'email'],
  ['contactMethod', 'per Mail', 'email'],
  ['contactMethod', 'rufen Sie mich an', 'phone'],
  ['contactMethod', 'meine Nummer ist +49 30 1234567', 'phone'],
  ['contactMethod', 'kim@contoso.de', 'email'],
  ['contactMethod', 'im Teams-Chat', 'teams_chat'],
  ['contactMethod', 'die zweite', 'email'],
  ['contactMethod', 'Brieftaube', 'unknown'],
  // Zusammenfassung
  ['summary', 'absenden', 'submit'],
  ['summary', 'sieht gut aus', 'submit'],
  ['summary', 'ja', 'submit'],
  ['summary', 'Schweregrad ändern', 'edit-severity'],
  ['summary', 'Kontaktdaten aendern', 'edit-contact'],
  ['summary', 'mit einem Menschen sprechen', 'wish:human'],
  // Cloud
  ['cloud', 'weltweit', 'worldwide'],
  ['cloud', 'Deutschland', 'germany'],
  ['cloud', 'China', '21vianet'],
  ['cloud', 'ich weiß es nicht', 'unknown'],
];

const INTENTS: IntentRow[] = [
  ['Hilfe', 'help'],
  ['was kannst du?', 'help'],
  ['abbrechen', 'cancel'],
  ['vergiss es', 'cancel'],
  ['von vorne', 'startOver'],
  ['neu anfangen', 'startOver'],
  ['meine Anfragen', 'list'],
  ['meine Tickets', 'list'],
  ['zeig mir meine offenen Tickets', 'list'],
  ['gibt es Neuigkeiten zu meinem Ticket?', 'list'],
  ['Status von SR-1000042', 'status SR-1000042'],
  ['wie ist der Stand bei SR-1000042?', 'status SR-1000042'],
  ['Info zu SR-1000042 hinzufügen: der Fehler tritt nur in Outlook auf', 'addInfo SR-1000042: der Fehler tritt nur in Outlook auf'],
  ['SR-1000042 wieder öffnen', 'reopen SR-1000042'],
  ['bitte öffnen Sie SR-1000042 wieder', 'reopen SR-1000042'],
  ['mit einem Mitarbeiter sprechen', 'human'],
  ['rufen Sie mich bitte an', 'human'],
  ['ich möchte ein Ticket eröffnen', 'escalate'],
  ['das wars, danke', 'done'],
  ['wie kündige ich mein Abonnement?', undefined],
  ['ich kann kein Ticket im Portal öffnen', undefined],
  ['unser Ticketsystem ist mit Teams verbunden', undefined],
  ['Anrufqualität in Teams ist schlecht', undefined],
];

const SMALL_TALK: IntentRow[] = [
  ['Hallo!', 'greeting'],
  ['guten Morgen', 'greeting'],
  ['moin', 'greeting'],
  ['danke!', 'thanks'],
  ['vielen Dank für die Hilfe', 'thanks'],
  ['super, danke', 'thanks'],
  ['tschüss', 'bye'],
  ['tschuess', 'bye'],
  ['danke, tschüss', 'bye'],
  ['schönen Tag noch', 'bye'],
  ['bist du ein Bot?', 'bot'],
  ['spreche ich mit einem Menschen?', 'bot'],
  ['wie geht es dir?', 'howAreYou'],
  ['hallo, Outlook geht nicht', undefined],
  ['danke, aber es geht immer noch nicht', undefined],
  ['ja', undefined],
  ['ok', undefined],
];

runTables('de', TABLE, INTENTS, SMALL_TALK);
