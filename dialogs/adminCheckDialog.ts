import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from './dialogKit.js';
import { getCase, getProfile, type AdminProfile, type StateAccessors } from './caseState.js';
import { caseEnded } from './caseInsights.js';
import { answerPrompt, askChoice, chosen, type Option } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepResult } from './stepState.js';
import { listInEveryLanguage, translate, type MessageKey } from '../src/i18n/index.js';
import { t } from './language.js';

export const ADMIN_CHECK_DIALOG = 'adminCheckDialog';
const ASK = 'adminCheck.ask';
const FLOW = 'adminCheck.flow';

/** The English texts, as the tests know them; the conversation says them in the admin's language. */
export const NOT_ADMIN_MESSAGE = translate('en', 'adminCheck.notAdmin');

/** The second time in a conversation: shorter, and the way back if they are an admin after all. */
export const NOT_ADMIN_AGAIN = translate('en', 'adminCheck.notAdminAgain');

/** The answers, by value; titles are read in the turn's language, synonyms in every language. */
const OPTIONS: (Omit<Option, 'title'> & { title: MessageKey })[] = [
  { value: 'yes', title: 'adminCheck.yes', means: 'yes', synonyms: listInEveryLanguage('adminCheck.yes.synonyms') },
  { value: 'no', title: 'adminCheck.no', means: 'no', synonyms: listInEveryLanguage('adminCheck.no.synonyms') },
  { value: 'unsure', title: 'adminCheck.unsure', safeDefault: true, synonyms: listInEveryLanguage('adminCheck.unsure.synonyms') },
];

const options = (context: TurnContext): Option[] => OPTIONS.map((o) => ({ ...o, title: t(context, o.title) }));

// ---------------------------------------------------------------------------------------------------
// "I am the IT administrator for our company": the person says what they are, in any message.

const I_AM = "(?:i'?m|i am|im)";
const ROLE =
  "(?:(?:it|global|tenant|office 365|microsoft 365|m365|o365|365|system|sys|company|company's|companys|main|only|lead|senior|head|exchange|teams|sharepoint|billing|user|licen[cs]e|helpdesk|help desk|domain|security|cloud|entra|azure)\\s+)*";
const ADMIN_WORD = '(?:admin|administrator|sysadmin)s?';
/** Not "the admin's assistant". */
const WHOLE = "\\b(?!')";

const NOT_ADMIN_SAID = new RegExp(
  [
    `\\b${I_AM}\\s+(?:not|no longer)\\s+(?:(?:an?|the|one of the|one of our|our)\\s+)?${ROLE}${ADMIN_WORD}${WHOLE}`,
    `\\b${I_AM}\\s+(?:just|only|simply)\\s+(?:an?\\s+)?(?:(?:regular|normal|ordinary|standard|end|basic)\\s+)?(?:user|employee|staff member)\\b(?!\\s+admin)`,
    `\\b${I_AM}\\s+(?:an?\\s+)?(?:regular|normal|ordinary|standard|end|basic)\\s+(?:user|employee|staff member)\\b(?!\\s+admin)`,
  ].join('|'),
  'i',
);
const ADMIN_SAID = new RegExp(
  [
    `\\b${I_AM}\\s+(?:(?:an?|the|one of the|one of our|our|the company's|our company's)\\s+)?${ROLE}${ADMIN_WORD}${WHOLE}`,
    `\\bas\\s+(?:an?|the)\\s+${ROLE}${ADMIN_WORD}${WHOLE}`,
    '\\bi\\s+(?:have|hold)\\s+(?:the\\s+)?(?:global\\s+)?admin\\s+(?:rights|role|access|permissions)\\b',
  ].join('|'),
  'i',
);
/** "how do I know if I am an admin", "not sure whether I'm the admin": a question, not a statement. */
const UNSURE = /\b(?:if|whether|not sure|unsure|don'?t know|do not know|wonder(?:ing)?|check|how)\b[^.?!]*\b(?:i'?m|i am|im|am i)\b/i;

// The same statements in German ("ich bin der IT-Admin", "bin nur Mitarbeiter") and Chinese ("我是公司的
// 管理员", "我不是管理員", "我只是普通員工"; Traditional characters included).
const DE_ROLE = '(?:(?:der|die|ein|eine|unser|unsere)\\s+)?(?:(?:globale?r?|haupt|it|m365|microsoft 365|office 365|system|mandanten|exchange|teams|lizenz|abrechnungs)[\\s-]*)*';
const DE_ADMIN = '(?:admin|administrator|administratorin|sysadmin|it-leiter|it-leiterin|it-verantwortliche[r]?)s?\\b';
const DE_NOT_ADMIN_SAID = new RegExp(
  [
    `\\bich\\s+bin\\s+(?:kein|keine|nicht\\s+(?:der|die|ein|eine))\\s*${DE_ROLE}${DE_ADMIN}`,
    '\\b(?:ich\\s+)?bin\\s+(?:nur|bloß|bloss|einfach|ein\\s+ganz)\\s+(?:ein|eine)?\\s*(?:normaler?|einfacher?|ganz normaler?)?\\s*(?:benutzer|nutzer|mitarbeiter|mitarbeiterin|angestellter?|anwender|user)\\b',
  ].join('|'),
  'i',
);
const DE_ADMIN_SAID = new RegExp(
  [`\\bich\\s+bin\\s+${DE_ROLE}${DE_ADMIN}`, `\\bals\\s+(?:der|die|ein|eine)?\\s*${DE_ROLE}${DE_ADMIN}`, '\\bich\\s+habe\\s+(?:die\\s+)?(?:globale[n]?\\s+)?admin(?:istrator)?-?(?:rechte|rolle)\\b'].join('|'),
  'i',
);
const DE_UNSURE = /\b(?:ob|weiß nicht|weiss nicht|nicht sicher|wie finde ich heraus)\b[^.?!]*\b(?:ich|bin ich)\b|\bbin ich (?:ein |der )?admin/i;
const ZH_ROLE = '(?:公司|我们公司|我們公司|本公司|我司|的|全局|全域|it|IT|系统|系統|租户|租用戶|microsoft 365|office 365|m365)*';
const ZH_NOT_ADMIN_SAID = new RegExp(`我(?:并|並)?不是${ZH_ROLE}(?:管理员|管理員|网管|網管|管理者|admin)|我(?:只是|就是|是)(?:个|個|一个|一個)?(?:普通|一般)?(?:员工|員工|用户|用戶|使用者|职员|職員)`, 'i');
const ZH_ADMIN_SAID = new RegExp(`我(?:就)?是${ZH_ROLE}(?:管理员|管理員|系统管理员|系統管理員|网管|網管|全局管理员|全域管理員|admin)|我有(?:全局|全域)?(?:管理员|管理員)(?:权限|權限|角色)`, 'i');
const ZH_UNSURE = /(?:是不是|是否|不知道|不确定|不確定|怎么知道|怎麼知道)[^。？！?]*(?:管理员|管理員)/;

const straightQuotes = (text: string) => text.replace(/[\u2019\u2018`]/g, "'");

/** What the message says about the person: 'admin' ("I'm the global admin"), 'not-admin' ("I'm not an admin") or nothing. */
export function adminStatement(text: string | undefined): 'admin' | 'not-admin' | undefined {
  const t = straightQuotes(text ?? '');
  if (!t || t.length > 4000 || UNSURE.test(t) || DE_UNSURE.test(t) || ZH_UNSURE.test(t)) return undefined;
  if (NOT_ADMIN_SAID.test(t) || DE_NOT_ADMIN_SAID.test(t) || ZH_NOT_ADMIN_SAID.test(t)) return 'not-admin';
  if (ADMIN_SAID.test(t) || DE_ADMIN_SAID.test(t) || ZH_ADMIN_SAID.test(t)) return 'admin';
  return undefined;
}

/**
 * The message without the statement and what qualifies it ("I am the IT administrator for our company,
 * Teams calls keep dropping" → "Teams calls keep dropping"), so the problem is classified on the problem.
 */
export function withoutAdminStatement(text: string): string {
  const t = straightQuotes(text);
  if (UNSURE.test(t) || DE_UNSURE.test(t) || ZH_UNSURE.test(t)) return text.trim();
  const m = NOT_ADMIN_SAID.exec(t) ?? ADMIN_SAID.exec(t) ?? DE_NOT_ADMIN_SAID.exec(t) ?? DE_ADMIN_SAID.exec(t) ?? ZH_NOT_ADMIN_SAID.exec(t) ?? ZH_ADMIN_SAID.exec(t);
  if (!m) return text.trim();
  const start = Math.max(...[',', ';', ':', '.', '!', '?', '，', '。', '；', '：', '！', '？'].map((p) => t.lastIndexOf(p, m.index - 1))) + 1;
  let end = m.index + m[0].length;
  // "… for our company", "… here", "… at Contoso": up to the end of the clause.
  const qualifier = /^\s*(?:(?:here|for|of|at|in|on|with|from|hier|bei|für|fur|von|in)\b[^,;:.!?，。；：！？]*?(?=\s+(?:and|but|so|because|und|aber)\b|[,;:.!?，。；：！？]|$))/i.exec(t.slice(end));
  if (qualifier) end += qualifier[0].length;
  return `${t.slice(0, start)} ${t.slice(end)}`
    .replace(/^[\s,;:.!?-]*(?:(?:and|but|so|also|und|aber|also)\b[\s,]*)?/i, '')
    .replace(/^[，。；：！？\s]+/, '')
    .replace(/[\s,;:，；：-]+$/, '')
    .replace(/\s+([,;:.!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const conversationOf = (context: TurnContext) => context.activity.conversation?.id ?? '';

/**
 * Notes in the profile what the message says about the person: an admin is remembered for the user, a
 * non-admin for this conversation. Returns what it said, if anything.
 */
export async function noteAdminStatement(state: StateAccessors, context: TurnContext): Promise<'admin' | 'not-admin' | undefined> {
  const said = adminStatement(context.activity.text);
  if (!said) return undefined;
  const profile = await getProfile(state, context);
  if (said === 'admin') {
    profile.isAdmin = true;
    delete profile.notAdminIn;
  } else {
    delete profile.isAdmin;
    profile.notAdminIn = conversationOf(context);
  }
  return said;
}

/** Whether the person told this conversation they are not an admin (and nothing since said otherwise). */
export function knownNonAdmin(profile: AdminProfile, context: TurnContext): boolean {
  return profile.isAdmin !== true && !!profile.notAdminIn && profile.notAdminIn === conversationOf(context);
}

/** A non-admin who wants a request: the full answer once per conversation, then a short one. */
export async function tellNotAdmin(profile: AdminProfile, context: TurnContext): Promise<void> {
  const conversation = conversationOf(context);
  await context.sendActivity(t(context, profile.notAdminToldIn === conversation ? 'adminCheck.notAdminAgain' : 'adminCheck.notAdmin'));
  profile.notAdminToldIn = conversation;
}

/** What the channel itself vouches for: a configured admin object id, or a tenant whose members all are admins. */
export function channelSaysAdmin(context: TurnContext, admins: ConversationServices['admins']): boolean {
  const activity = context.activity;
  const aad = (activity.from as { aadObjectId?: string } | undefined)?.aadObjectId;
  const tenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  return (!!aad && admins.aadObjectIds.includes(aad)) || (!!tenant && admins.tenantIds.includes(tenant));
}

/**
 * Run just before a request is taken. Ends with true when the person is an admin of a business
 * subscription. It asks only when nothing is known: a yes (said, answered, or the channel's word) is
 * remembered for the user, a no for the conversation; a non-admin is pointed to the right place and the
 * flow ends without a ticket.
 */
export class AdminCheckDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(ADMIN_CHECK_DIALOG);
    this.addDialog(answerPrompt(ASK));
    this.addDialog(new WaterfallDialog(FLOW, [this.ask.bind(this), this.answer.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** "I am the IT administrator for our company" typed at the question is its answer, however it is worded. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const said = innerDc.activeDialog?.id === ASK ? adminStatement(innerDc.context.activity.text) : undefined;
    if (said) {
      const value = said === 'admin' ? 'yes' : 'no';
      return innerDc.endDialog({ value, index: OPTIONS.findIndex((o) => o.value === value), score: 1 } satisfies FoundChoice);
    }
    return super.onContinueDialog(innerDc);
  }

  private async ask(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    if (channelSaysAdmin(step.context, this.services.admins)) profile.isAdmin = true;
    if (profile.isAdmin === true) return step.next({ known: true });
    if (knownNonAdmin(profile, step.context)) return step.next({ known: false });
    return askChoice(step, ASK, t(step.context, 'adminCheck.question'), options(step.context));
  }

  private async answer(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    const known = stepResult<{ known?: boolean }>(step)?.known;
    const answer = known !== undefined ? (known ? 'yes' : 'no') : chosen(step);
    if (answer === 'unsure') {
      await step.context.sendActivity(t(step.context, 'adminCheck.howToCheck'));
      // Taken as the safe default after three replies the question could not use: stop asking.
      if (stepResult<FoundChoice>(step)?.synonym === 'default') {
        await step.context.sendActivity(t(step.context, 'adminCheck.tellWhenKnown'));
        return step.endDialog(false);
      }
      return step.replaceDialog(FLOW);
    }
    const isAdmin = answer === 'yes';
    if (isAdmin) {
      profile.isAdmin = true;
      delete profile.notAdminIn;
    } else {
      delete profile.isAdmin;
      profile.notAdminIn = conversationOf(step.context);
      await tellNotAdmin(profile, step.context);
      await caseEnded(this.services, await getCase(this.state, step.context), 'refused');
    }
    return step.endDialog(isAdmin);
  }
}
