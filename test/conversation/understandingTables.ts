// The harness of the per-language reply-understanding tables (understanding.<language>.test.ts): the
// conversation's questions as the dialogs ask them in a language, and the three tables run against them.
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
  const askMe = o('questions', 'severity.askMe', 'severity.askMe.synonyms');
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
    // As the severity dialog offers them: keep, ask me the questions, another severity.
    severity: [keep, askMe, sev('A'), sev('C')],
    severityB: [keep, askMe, sev('B'), sev('C')],
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

export type Row = [step: string, reply: string, expected: string];
export type IntentRow = [text: string, expected: string | undefined];

export function runTables(language: Language, table: Row[], intents: IntentRow[], smallTalk: IntentRow[]): void {
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
