import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/i18n/index.js';
import { estimateWait, statusLabel, ticketConfirmation, TicketError, type TicketConfirmationInput } from '../../src/tickets/index.js';
import { assertAcceptsInformation, reopenTarget } from '../../src/tickets/statusRules.js';

// A Wednesday afternoon in London.
const WEDNESDAY = new Date('2026-11-04T15:30:00Z');

const ticket: TicketConfirmationInput['ticket'] = {
  number: 'SR-1000042',
  cloud: 'worldwide',
  planId: 'business-basic',
  category: 'technical',
  severity: 'A',
  severityReason: 'Nobody can send mail.',
};

const confirm = (language: Language, input: Partial<TicketConfirmationInput> = {}) =>
  ticketConfirmation({ ticket, created: true, country: 'GB', wait: { text: 'WAIT' }, now: WEDNESDAY, language, ...input });

/** What each language says at the places the admin looks first. */
const expected: Record<Language, { title: string; labels: string[]; askNext: string; severity: string; objective: RegExp; hours: RegExp; phone: string }> = {
  en: {
    title: 'Request SR-1000042 is open',
    labels: ['Response objective', 'Support hours', 'Expected wait', 'Prefer to call?'],
    askNext: 'Ask me "status of SR-1000042" at any time, or "add info to SR-1000042" to send more details.',
    severity: 'Severity: Sev A. Nobody can send mail.',
    objective: /^an initial response within one hour, 24 hours a day, 7 days a week$/,
    hours: /^Technical phone support is open now: it answers 24 hours a day, 7 days a week\.$/,
    phone: 'United Kingdom: call 0800 032 6417. Freephone.',
  },
  de: {
    title: 'Anfrage SR-1000042 ist eröffnet',
    labels: ['Antwortzeitziel', 'Supportzeiten', 'Voraussichtliche Wartezeit', 'Lieber anrufen?'],
    askNext: 'Fragen Sie mich jederzeit „Status von SR-1000042“, oder schreiben Sie „Info zu SR-1000042 hinzufügen“, um weitere Details zu senden.',
    severity: 'Schweregrad: A. Nobody can send mail.',
    objective: /^eine erste Antwort innerhalb von einer Stunde, rund um die Uhr, 7 Tage die Woche$/,
    hours: /^Der telefonische technische Support ist jetzt erreichbar: rund um die Uhr/,
    phone: 'Vereinigtes Königreich: Rufen Sie 0800 032 6417 an. Gebührenfrei.',
  },
  'zh-Hans': {
    title: '请求 SR-1000042 已创建',
    labels: ['响应时间目标', '支持时间', '预计等待时间', '电话联系'],
    askNext: '您可以随时问我“SR-1000042 的状态”，或输入“为 SR-1000042 添加信息”来补充详细信息。',
    severity: '严重级别：A。Nobody can send mail.',
    objective: /1 小时内首次响应/,
    hours: /^技术电话支持现在可以联系/,
    phone: '英国：请拨打 0800 032 6417。免费电话。',
  },
  'zh-Hant': {
    title: '要求 SR-1000042 已建立',
    labels: ['回應時間目標', '支援時間', '預計等候時間', '電話聯繫'],
    askNext: '您可以隨時問我「SR-1000042 的狀態」，或輸入「為 SR-1000042 新增資訊」來補充詳細資訊。',
    severity: '嚴重性：A。Nobody can send mail.',
    objective: /1 小時內首次回應/,
    hours: /^技術電話支援現在可以聯繫/,
    phone: '英國：請撥打 0800 032 6417。免付費電話。',
  },
};

describe('the confirmation in the admin’s language', () => {
  it.each(LANGUAGES)('%s: title, facts, notes and text are all in the language', (language) => {
    const want = expected[language];
    const confirmation = confirm(language);
    expect(confirmation.title).toBe(want.title);
    expect(confirmation.facts.map((f) => f.label)).toEqual(want.labels);
    expect(confirmation.facts[0]!.value).toMatch(want.objective);
    expect(confirmation.facts[1]!.value).toMatch(want.hours);
    expect(confirmation.facts[2]!.value).toBe('WAIT');
    expect(confirmation.facts[3]!.value).toBe(want.phone);
    expect(confirmation.notes.at(-1)).toBe(want.askNext);
    // The severity reason is kept as it was written when the request was filed.
    expect(confirmation.text.split('\n').slice(0, 2)).toEqual([`${want.title}${language.startsWith('zh') ? '。' : '.'}`, want.severity]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s: no English sentence is left in the notes', (language) => {
    const { notes } = confirm(language, { ticket: { ...ticket, planId: null, severity: 'B' } });
    expect(notes.length).toBeGreaterThan(2);
    for (const note of notes) expect(note).not.toMatch(/\b(the|your|and|is)\b/);
  });

  it('says a repeated submission is the request filed the first time, in German', () => {
    expect(confirm('de', { created: false }).title).toBe('Das haben Sie bereits eingereicht: Es ist Anfrage SR-1000042');
  });

  it('is English when no language is given, as it always was', () => {
    expect(ticketConfirmation({ ticket, created: true, country: 'GB', wait: { text: 'WAIT' }, now: WEDNESDAY }).title).toBe('Request SR-1000042 is open');
  });
});

describe('the expected wait in the admin’s language and time zone', () => {
  const now = new Date('2026-11-04T10:00:00Z');
  const waiting = { number: 'SR-1000042', status: 'new' as const, assignedAgentId: null, responseDueAt: new Date('2026-11-04T11:00:00Z') };

  it.each([
    ['en', 'Europe/Berlin', 'No agent is free right now, so the estimate is the response-time objective: a first response by 12:00 CET today, about 60 minutes from now. 3 requests are ahead of yours.'],
    ['de', 'Europe/Berlin', 'Gerade ist kein Supporttechniker frei, daher gilt als Schätzung die zugesagte Antwortzeit: eine erste Antwort bis heute um 12:00 MEZ, also in etwa 60 Minuten. Vor Ihrer Anfrage sind noch 3 Anfragen in der Warteschlange.'],
    ['zh-Hans', 'Asia/Shanghai', '目前没有空闲的工程师，因此按响应时间目标估算：在今天 GMT+8 19:00前首次回复，即从现在起约 60 分钟。您前面还有 3 个请求。'],
    ['zh-Hant', 'Asia/Taipei', '目前沒有空閒的工程師，因此按回應時間目標估算：在今天 下午07:00 [GMT+8]前首次回覆，即從現在起約 60 分鐘。您前面還有 3 個要求。'],
  ] as const)('%s in %s', (language, timeZone, text) => {
    expect(estimateWait({ ticket: waiting, position: 3, agentsAvailable: 0, now, timeZone, language }).text).toBe(text);
  });
});

describe('refusals in the admin’s language', () => {
  const closed = { number: 'SR-1000042', status: 'closed' as const, closedAt: new Date('2026-10-01T10:00:00Z'), resolvedAt: null, assignedAgentId: null };
  const refusal = (fn: () => void): TicketError => {
    try {
      fn();
    } catch (err) {
      if (err instanceof TicketError) return err;
      throw err;
    }
    throw new Error('no refusal');
  };

  it('keeps the English message for the agent API and gives the same refusal in any language', () => {
    const err = refusal(() => reopenTarget(closed, { now: WEDNESDAY, timeZone: 'Europe/Berlin' }));
    expect(err.code).toBe('reopen_window_expired');
    expect(err.message).toBe('SR-1000042 was closed on 1 October, more than 14 days ago, so it can\'t be reopened; please open a new request and mention SR-1000042 in it.');
    expect(err.messageIn('de')).toBe(
      'SR-1000042 wurde am 1. Oktober geschlossen, also vor mehr als 14 Tagen, und kann daher nicht wieder geöffnet werden. Bitte erstellen Sie eine neue Anfrage und verweisen Sie darin auf SR-1000042.',
    );
    expect(err.messageIn('zh-Hant')).toMatch(/^SR-1000042 的狀態已於 10月1日 變為「已結案」，距今已超過 14 天/);
  });

  it('writes the message in the context’s language when it has one', () => {
    const resolved = { ...closed, status: 'resolved' as const, closedAt: null, resolvedAt: new Date('2026-11-01T10:00:00Z') };
    const err = refusal(() => assertAcceptsInformation(resolved, { now: WEDNESDAY, timeZone: 'Asia/Shanghai', language: 'zh-Hans' }));
    expect(err.message).toBe('SR-1000042 的状态为“已解决”，因此无法再添加信息。请先重新打开它；11月15日 之前都可以重新打开。');
  });

  it.each([
    ['en', 'waiting on the customer'],
    ['de', 'wartet auf Ihre Rückmeldung'],
    ['zh-Hans', '等待您的回复'],
    ['zh-Hant', '等待您的回覆'],
  ] as const)('names a status in %s', (language, label) => {
    expect(statusLabel('waiting_on_customer', language)).toBe(label);
  });
});
