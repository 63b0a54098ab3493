import { formattingLocale, type Language, translate } from '../i18n/index.js';
import { mailTransport } from './mailTransport.js';
import type { MailSettings } from './notificationService.js';

/**
 * The one-time code that proves a request is yours (src/identity/ownershipCodes.ts), mailed to the
 * address on the request. The code lives 15 minutes, so it is sent at once, with two quick retries,
 * not queued like the request's updates; the turn that asked for it does not wait.
 */

export interface CodeMail {
  to: string;
  ticketNumber: string;
  code: string;
  expiresAt: Date;
  language: Language;
}

const RETRY_WAITS_MS = [2000, 10_000];

export function renderCodeMail(mail: CodeMail): { subject: string; text: string } {
  const t = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(mail.language, key, values);
  const time = new Intl.DateTimeFormat(formattingLocale(mail.language), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(mail.expiresAt);
  return {
    subject: t('notify.code.subject', { number: mail.ticketNumber }),
    text: [t('notify.code.body', { number: mail.ticketNumber }), '', `    ${mail.code}`, '', t('notify.code.expires', { time }), '', t('notify.signature')].join('\n'),
  };
}

/** A sender of code mails through the mail server; undefined without one (agents then read codes out). */
export function createCodeMailer(settings: MailSettings): ((mail: CodeMail) => Promise<void>) | undefined {
  if (!settings.smtpUrl) return undefined;
  const transport = mailTransport(settings.smtpUrl, settings.from);
  return async (mail) => {
    const { subject, text } = renderCodeMail(mail);
    for (let attempt = 0; ; attempt++) {
      try {
        await transport.sendMail({ to: mail.to, subject, text });
        return;
      } catch (err) {
        const wait = RETRY_WAITS_MS[attempt];
        if (wait === undefined) throw err;
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  };
}
