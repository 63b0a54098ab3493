/**
 * What a typed reply means at each question, in Simplified Chinese (issue #16): the same questions as the
 * English table, asked as the Chinese conversation asks them. Chinese has no spaces, so phrases are found
 * inside the reply, and a negation in front turns them round: "不是" is no, "是" is yes, "没有解决" is no,
 * "解决了" is yes.
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
  // 您是管理员吗？
  ['admin', '是', 'yes'],
  ['admin', '是的', 'yes'],
  ['admin', '对', 'yes'],
  ['admin', '嗯嗯', 'yes'],
  ['admin', '没错，我是公司的管理员', 'yes'],
  ['admin', '不是', 'no'],
  ['admin', '不是，我只是普通用户', 'no'],
  ['admin', '不', 'no'],
  ['admin', '不知道', 'unsure'],
  ['admin', '我不确定', 'unsure'],
  ['admin', '第三个', 'unsure'],
  ['admin', '2', 'no'],
  ['admin', '转人工', 'wish:human'],
  ['admin', '我要提交工单', 'wish:escalate'],
  ['admin', '管理员是什么意思？', 'unknown'],
  ['admin', '香蕉', 'unknown'],
  // 问题解决了吗？
  ['selfHelp', '是', 'solved'],
  ['selfHelp', '解决了', 'solved'],
  ['selfHelp', '好了，谢谢', 'solved'],
  ['selfHelp', '可以了', 'solved'],
  ['selfHelp', '已经修好了', 'solved'],
  ['selfHelp', '没事了，谢谢', 'solved'],
  ['selfHelp', '不', 'not-solved'],
  ['selfHelp', '没有', 'not-solved'],
  ['selfHelp', '还没', 'not-solved'],
  ['selfHelp', '没有解决', 'not-solved'],
  ['selfHelp', '还是不行', 'not-solved'],
  ['selfHelp', '不行，还是一样的错误', 'not-solved'],
  ['selfHelp', '我要提交工单', 'not-solved'],
  ['selfHelp', '帮我开工单', 'not-solved'],
  ['selfHelp', '人工客服', 'not-solved'],
  ['selfHelp', '打电话给我', 'not-solved'],
  ['selfHelp', '显示更多', 'more'],
  ['selfHelp', '更多文章', 'more'],
  ['selfHelp', '最后一个', 'more'],
  ['selfHelp', '第二个', 'not-solved'],
  ['selfHelp', '我的工单有进展吗？', 'wish:ticketUpdate'],
  ['selfHelp', '什么？', 'unknown'],
  // 已知问题：继续吗？
  ['incident', '是', 'continue'],
  ['incident', '继续', 'continue'],
  ['incident', '不是这个问题', 'continue'],
  ['incident', '另一个问题', 'continue'],
  ['incident', '不，请帮我开工单', 'continue'],
  ['incident', '否', 'wait'],
  ['incident', '我等修复', 'wait'],
  ['incident', '应该就是这个', 'wait'],
  ['incident', '要多久才能修好？', 'unknown'],
  // 严重级别
  ['severity', '是', 'keep'],
  ['severity', '合适', 'keep'],
  ['severity', '没问题', 'keep'],
  ['severity', '改成A', 'A'],
  ['severity', '换成 C', 'C'],
  ['severity', '严重级别A', 'A'],
  ['severity', '选第三个', 'C'],
  ['severityB', '改成B', 'B'],
  ['severityB', '不对，应该是C', 'C'],
  // 影响和范围
  ['impact', '完全无法使用', 'unusable'],
  ['impact', '有点慢', 'impaired'],
  ['impact', '第1个', 'unusable'],
  ['scope', '所有人', 'everyone'],
  ['scope', '整个公司都不能用', 'everyone'],
  ['scope', '只有我', 'one'],
  ['scope', '2号', 'many'],
  // 是或否
  ['yesNo', '是', 'yes'],
  ['yesNo', '好的', 'yes'],
  ['yesNo', '可以', 'yes'],
  ['yesNo', '没错', 'yes'],
  ['yesNo', '有', 'yes'],
  ['yesNo', 'yes', 'yes'],
  ['yesNo', 'ja', 'yes'],
  ['yesNo', '不', 'no'],
  ['yesNo', '不是', 'no'],
  ['yesNo', '没有', 'no'],
  ['yesNo', '还没', 'no'],
  ['yesNo', '不行', 'no'],
  ['yesNo', '不对', 'no'],
  ['yesNo', '对不起，我没看懂', 'unknown'],
  // 联系方式
  ['contactMethod', '电话', 'phone'],
  ['contactMethod', '换成电话', 'phone'],
  ['contactMethod', '改成 email', 'email'],
  ['contactMethod', '给我打电话', 'phone'],
  ['contactMethod', '我的手机是 138 1234 5678', 'phone'],
  ['contactMethod', 'wang@contoso.cn', 'email'],
  ['contactMethod', '发邮件给我吧', 'email'],
  ['contactMethod', '第二个', 'email'],
  ['contactMethod', '信鸽', 'unknown'],
  // 摘要
  ['summary', '提交', 'submit'],
  ['summary', '确认提交', 'submit'],
  ['summary', '更改严重级别', 'edit-severity'],
  ['summary', '我想修改联系信息', 'edit-contact'],
  ['summary', '转人工', 'wish:human'],
  // 云
  ['cloud', '世纪互联', '21vianet'],
  ['cloud', '我们用的是中国版', '21vianet'],
  ['cloud', '全球版', 'worldwide'],
  ['cloud', '不知道', 'unknown'],
];

const INTENTS: IntentRow[] = [
  ['帮助', 'help'],
  ['你能做什么？', 'help'],
  ['取消', 'cancel'],
  ['算了', 'cancel'],
  ['重新开始', 'startOver'],
  ['我的请求', 'list'],
  ['查看我的工单', 'list'],
  ['我的工单有进展吗', 'list'],
  ['查询 SR-1000042 状态', 'status SR-1000042'],
  ['SR-1000042 进展如何？', 'status SR-1000042'],
  ['给 SR-1000042 补充信息：只有 Outlook 有这个问题', 'addInfo SR-1000042: 只有 Outlook 有这个问题'],
  ['重新打开 SR-1000042', 'reopen SR-1000042'],
  ['转人工', 'human'],
  ['找真人', 'human'],
  ['请打电话给我', 'human'],
  ['我要提交工单', 'escalate'],
  ['我要提交支持请求', 'escalate'],
  ['没事了，谢谢', 'done'],
  ['如何取消订阅？', undefined],
  ['我们的工单系统和 Teams 集成出错了', undefined],
  ['Teams 会议通话质量很差', undefined],
  ['我不想提交工单', undefined],
];

const SMALL_TALK: IntentRow[] = [
  ['你好', 'greeting'],
  ['您好！', 'greeting'],
  ['早上好', 'greeting'],
  ['谢谢', 'thanks'],
  ['谢谢你的帮助！', 'thanks'],
  ['好的，谢谢', 'thanks'],
  ['再见', 'bye'],
  ['拜拜', 'bye'],
  ['谢谢，再见', 'bye'],
  ['你是机器人吗？', 'bot'],
  ['你是真人还是机器人', 'bot'],
  ['你好吗', 'howAreYou'],
  ['你好，Outlook 打不开', undefined],
  ['谢谢，但是还是不行', undefined],
  ['是', undefined],
  ['好的', undefined],
];

runTables('zh-Hans', TABLE, INTENTS, SMALL_TALK);
