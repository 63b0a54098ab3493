import { describe, expect, it } from 'vitest';
import { agentJoined, contactPromise, fromAgent, notices, queued, statusChanged } from '../../src/handoff/adminMessages.js';
import type { Ticket } from '../../src/tickets/index.js';

const ticket = {
  number: 'SR-1000042',
  status: 'resolved',
  contactMethod: 'phone',
  requester: { id: 'aad-1', name: 'Alex', email: 'alex@contoso.example', phone: '+4969380789305' },
} as Ticket;

describe('what the admin is told during a handoff, in their language', () => {
  it.each([
    ['en', 'Jamie Rivera, a support engineer, has joined to help with SR-1000042. From now on your messages here go to them.'],
    ['de', 'Jamie Rivera, ein Supporttechniker, ist dazugekommen, um Ihnen bei SR-1000042 zu helfen. Ab jetzt gehen Ihre Nachrichten hier an Jamie Rivera.'],
    ['zh-Hans', '支持工程师 Jamie Rivera 已加入，协助处理 SR-1000042。从现在起，您在这里的消息会发送给对方。'],
    ['zh-Hant', '支援工程師 Jamie Rivera 已加入，協助處理 SR-1000042。從現在起，您在這裡的訊息會傳送給對方。'],
  ] as const)('%s: an engineer joined', (language, text) => {
    expect(agentJoined('SR-1000042', 'Jamie Rivera', language)).toBe(text);
  });

  it.each([
    ['en', 'Jamie has marked SR-1000042 as resolved. If the problem comes back, say "reopen SR-1000042" within 14 days. Resolution note from Jamie: “Policy restored.” You\'re back with the assistant; tell me if there\'s anything else.'],
    ['de', 'Jamie hat SR-1000042 als gelöst markiert. Falls das Problem wieder auftritt, schreiben Sie innerhalb von 14 Tagen „SR-1000042 wieder öffnen“. Lösungsnotiz von Jamie: „Policy restored.“ Sie sind wieder beim Assistenten; sagen Sie mir, wenn Sie noch etwas brauchen.'],
    ['zh-Hant', 'Jamie 已將 SR-1000042 標示為已解決。如果問題再次出現，請在 14 天內輸入「重新開啟 SR-1000042」。Jamie 的解決說明：「Policy restored.」您已回到小幫手這裡；如果還有其他需要，請告訴我。'],
  ] as const)('%s: the status changed, with the agent’s note as written', (language, text) => {
    expect(statusChanged(ticket, 'Jamie', 'Policy restored.', true, language)).toBe(text);
  });

  it.each([
    ['en', 'by phone at +49 69 380789305'],
    ['de', 'telefonisch unter +49 69 380789305'],
    ['zh-Hans', '通过电话 +49 69 380789305'],
  ] as const)('%s: how the engineer will get in touch', (language, text) => {
    expect(contactPromise(ticket, language)).toBe(text);
  });

  it('gives the expected wait as a figure in German', () => {
    expect(queued(ticket, { minutes: 20, text: '' }, 'de')).toMatch(/^Sie sind in der Warteschlange für einen Supporttechniker zu SR-1000042\. Voraussichtliche Wartezeit: etwa 20 Minuten\.\n/);
  });

  it('keeps the agent’s words as written and the console’s notices in English', () => {
    expect(fromAgent('Jamie', 'Which policy did you change?', 'zh-Hans')).toBe('**Jamie（支持工程师）：** Which policy did you change?');
    expect(notices.status('Jamie', 'waiting_on_customer')).toBe('Jamie set the status to waiting on the customer.');
  });
});
