import { type Language, translate } from '../i18n/index.js';

/**
 * The email an admin gets about their request: in the request's language, as text and as HTML (inline
 * styles, no images or remote content), one update or a digest of several, with the way back into the
 * chat and the way out of these emails.
 */

export const notificationKinds = ['agent_message', 'needs_information', 'in_progress', 'resolved', 'closed', 'reopened'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationItem {
  kind: NotificationKind;
  /** The agent who acted (null: not known, "a support engineer"). */
  agentName: string | null;
  /** The agent's message (agent_message). */
  text?: string | null;
  /** The note of a status change (the resolution note). */
  note?: string | null;
  at: Date;
}

export interface MailInput {
  language: Language;
  requesterName: string;
  ticketNumber: string;
  description: string;
  items: NotificationItem[];
  chatLink: string | null;
  unsubscribeLink: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The first line of the description, shortened: how the admin recognises the request. */
function summary(description: string): string {
  const first = description.split('\n')[0]!.trim();
  return first.length > 80 ? `${first.slice(0, 77).trimEnd()}…` : first;
}

export function renderNotificationMail(input: MailInput): RenderedMail {
  const { language, ticketNumber: number } = input;
  const t = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(language, key, values);
  const agentOf = (item: NotificationItem) => item.agentName ?? t('notify.engineer');
  const first = input.items[0]!;
  const subject =
    input.items.length === 1 ? t('notify.subject.single', { number, what: t(`notify.what.${first.kind}`, { agent: agentOf(first) }) }) : t('notify.subject.digest', { number, count: input.items.length });

  // Each update: a line saying what happened, then the agent's words or the note, quoted.
  const blocks = input.items.map((item) => {
    const line = t(`notify.line.${item.kind}`, { agent: agentOf(item) });
    const quote = item.kind === 'agent_message' ? item.text : item.note ? t('notify.line.note', { note: item.note }) : null;
    return { line, quote: quote ?? null, at: item.at };
  });

  const text = [
    t('notify.greeting', { name: input.requesterName }),
    '',
    t('notify.intro', { number, description: summary(input.description) }),
    '',
    ...blocks.flatMap((b) => [b.line, ...(b.quote ? b.quote.split('\n').map((l) => `> ${l}`) : []), '']),
    ...(input.chatLink ? [t('notify.replyInChat', { link: input.chatLink }), ''] : []),
    t('notify.doNotReply'),
    '',
    t('notify.signature'),
    ...(input.unsubscribeLink ? ['', t('notify.unsubscribe', { number, link: input.unsubscribeLink })] : []),
  ].join('\n');

  const p = (content: string, style = '') => `<p style="margin:0 0 12px;${style}">${content}</p>`;
  const html = [
    `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;font-size:15px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #dfe1e6;border-radius:8px;padding:24px">',
    p(escapeHtml(t('notify.greeting', { name: input.requesterName }))),
    p(escapeHtml(t('notify.intro', { number, description: summary(input.description) }))),
    ...blocks.map(
      (b) =>
        p(`<strong>${escapeHtml(b.line)}</strong>`, 'margin-top:16px') +
        (b.quote ? `<blockquote style="margin:0 0 12px;padding:8px 12px;border-left:3px solid #0f6cbd;background:#f4f5f7;white-space:pre-wrap">${escapeHtml(b.quote)}</blockquote>` : ''),
    ),
    input.chatLink
      ? p(`<a href="${escapeHtml(input.chatLink)}" style="display:inline-block;padding:10px 18px;background:#0f6cbd;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(t('notify.openChat'))}</a>`, 'margin-top:20px')
      : '',
    p(escapeHtml(t('notify.doNotReply')), 'color:#5f6670;font-size:13px'),
    p(escapeHtml(t('notify.signature'))),
    '</div>',
    input.unsubscribeLink
      ? `<p style="max-width:560px;margin:12px auto 0;color:#5f6670;font-size:12px;text-align:center"><a href="${escapeHtml(input.unsubscribeLink)}" style="color:#5f6670">${escapeHtml(t('notify.unsubscribeLink'))}</a></p>`
      : '',
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
