/**
 * What a typed reply means at each question, in Traditional Chinese as written in Taiwan and Hong Kong
 * (issue #16): 帳號, 網域, 訂閱, 授權, 郵件, 信箱, 使用者, 密碼, 登入, 系統管理員, 設定. The same questions as the
 * English table, asked as the Traditional Chinese conversation asks them; negations turn phrases round:
 * "沒有解決" is no, "解決了" is yes.
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
  // 您是系統管理員嗎？
  ['admin', '是', 'yes'],
  ['admin', '是的', 'yes'],
  ['admin', '對', 'yes'],
  ['admin', '沒錯，我是公司的系統管理員', 'yes'],
  ['admin', '不是', 'no'],
  ['admin', '不是，我只是一般使用者', 'no'],
  ['admin', '否', 'no'],
  ['admin', '不知道', 'unsure'],
  ['admin', '我不確定', 'unsure'],
  ['admin', '第三個', 'unsure'],
  ['admin', '選第二個', 'no'],
  ['admin', '轉接真人客服', 'wish:human'],
  ['admin', '我要開案', 'wish:escalate'],
  ['admin', '系統管理員是什麼意思？', 'unknown'],
  ['admin', '香蕉', 'unknown'],
  // 問題解決了嗎？
  ['selfHelp', '是', 'solved'],
  ['selfHelp', '解決了', 'solved'],
  ['selfHelp', '好了，謝謝', 'solved'],
  ['selfHelp', '可以了', 'solved'],
  ['selfHelp', '沒問題了', 'solved'],
  ['selfHelp', '沒有', 'not-solved'],
  ['selfHelp', '還沒', 'not-solved'],
  ['selfHelp', '沒有解決', 'not-solved'],
  ['selfHelp', '還是不行', 'not-solved'],
  ['selfHelp', '不行，一樣的錯誤', 'not-solved'],
  ['selfHelp', '我要提交服務要求', 'not-solved'],
  ['selfHelp', '找真人', 'not-solved'],
  ['selfHelp', '請打給我', 'not-solved'],
  ['selfHelp', '顯示更多', 'more'],
  ['selfHelp', '最後一個', 'more'],
  ['selfHelp', '第二個', 'not-solved'],
  ['selfHelp', '我的案件進度如何？', 'wish:ticketUpdate'],
  ['selfHelp', '什麼？', 'unknown'],
  // 已知問題：繼續嗎？
  ['incident', '是', 'continue'],
  ['incident', '繼續', 'continue'],
  ['incident', '不是這個', 'continue'],
  ['incident', '不是同一個問題', 'continue'],
  ['incident', '不，請幫我開工單', 'continue'],
  ['incident', '否', 'wait'],
  ['incident', '我等修復', 'wait'],
  ['incident', '這就說得通了', 'wait'],
  ['incident', '要多久才會修好？', 'unknown'],
  // 嚴重性
  ['severity', '是', 'keep'],
  ['severity', '合適', 'keep'],
  ['severity', '沒錯', 'keep'],
  ['severity', '改成A', 'A'],
  ['severity', '換成 C', 'C'],
  ['severity', '嚴重性A', 'A'],
  ['severity', '選第三個', 'C'],
  ['severityB', '改成B', 'B'],
  ['severityB', '不對，應該是C', 'C'],
  // 影響和範圍
  ['impact', '完全無法使用', 'unusable'],
  ['impact', '有點慢', 'impaired'],
  ['impact', '第1個', 'unusable'],
  ['scope', '所有人', 'everyone'],
  ['scope', '整個公司', 'everyone'],
  ['scope', '只有我', 'one'],
  ['scope', '2號', 'many'],
  // 是或否
  ['yesNo', '是', 'yes'],
  ['yesNo', '好的', 'yes'],
  ['yesNo', '可以', 'yes'],
  ['yesNo', '沒錯', 'yes'],
  ['yesNo', '沒問題', 'yes'],
  ['yesNo', 'yes', 'yes'],
  ['yesNo', '是的', 'yes'],
  ['yesNo', '不', 'no'],
  ['yesNo', '不是', 'no'],
  ['yesNo', '沒有', 'no'],
  ['yesNo', '還沒', 'no'],
  ['yesNo', '不行', 'no'],
  ['yesNo', '不對', 'no'],
  ['yesNo', 'nein', 'no'],
  ['yesNo', '對不起，我看不懂', 'unknown'],
  // 聯絡方式
  ['contactMethod', '電話', 'phone'],
  ['contactMethod', '換成電話', 'phone'],
  ['contactMethod', '改成 email', 'email'],
  ['contactMethod', '請打電話給我', 'phone'],
  ['contactMethod', '我的手機是 0912 345 678', 'phone'],
  ['contactMethod', 'chen@contoso.com.tw', 'email'],
  ['contactMethod', '寄信給我', 'email'],
  ['contactMethod', '第二個', 'email'],
  ['contactMethod', '信鴿', 'unknown'],
  // 摘要
  ['summary', '提交', 'submit'],
  ['summary', '確認送出', 'submit'],
  ['summary', '變更嚴重性', 'edit-severity'],
  ['summary', '我想修改聯絡資料', 'edit-contact'],
  ['summary', '轉人工', 'wish:human'],
  // 雲端
  ['cloud', '世紀互聯', '21vianet'],
  ['cloud', '全球版', 'worldwide'],
  ['cloud', '不知道', 'unknown'],
];

const INTENTS: IntentRow[] = [
  ['幫助', 'help'],
  ['你能做什麼？', 'help'],
  ['取消', 'cancel'],
  ['重新開始', 'startOver'],
  ['我的工單', 'list'],
  ['查看我的案件', 'list'],
  ['我的案件進度', 'list'],
  ['查詢 SR-1000042 狀態', 'status SR-1000042'],
  ['SR-1000042 處理到哪了？', 'status SR-1000042'],
  ['幫 SR-1000042 補充資訊：只有 Outlook 會發生', 'addInfo SR-1000042: 只有 Outlook 會發生'],
  ['重新開啟 SR-1000042', 'reopen SR-1000042'],
  ['轉接真人客服', 'human'],
  ['請打給我', 'human'],
  ['我要開案', 'escalate'],
  ['我要提交服務要求', 'escalate'],
  ['沒問題了', 'done'],
  ['如何取消訂閱？', undefined],
  ['我們的工單系統和 Teams 整合出錯了', undefined],
  ['使用者無法登入信箱', undefined],
  ['我不想開工單', undefined],
];

const SMALL_TALK: IntentRow[] = [
  ['你好', 'greeting'],
  ['哈囉', 'greeting'],
  ['早安', 'greeting'],
  ['謝謝', 'thanks'],
  ['謝謝你的協助！', 'thanks'],
  ['好的，謝謝', 'thanks'],
  ['再見', 'bye'],
  ['掰掰', 'bye'],
  ['你是機器人嗎？', 'bot'],
  ['我在跟真人說話嗎', 'bot'],
  ['你好嗎', 'howAreYou'],
  ['你好，我無法登入帳號', undefined],
  ['謝謝，但還是不行', undefined],
  ['是', undefined],
];

runTables('zh-Hant', TABLE, INTENTS, SMALL_TALK);
