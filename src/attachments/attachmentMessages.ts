import { translate, type Language, type MessageKey } from '../i18n/index.js';
import type { Accepted, AttachmentLimits, Refused } from './attachmentService.js';
import type { RefusalReason } from './fileTypes.js';

/**
 * What the admin is told about a file they sent, in their language, and the notices agents read in
 * the console (English, like the rest of it). The sentences are in the catalog's `attachments` area.
 */

const MB = 1024 * 1024;

/** "240 KB", "1.2 MB" (in German "1,2 MB"): files under a megabyte in whole kilobytes, at least 1. */
export function sizeText(bytes: number, language: Language = 'en', locale?: string): string {
  if (bytes >= MB) return translate(language, 'attachments.size.mb', { value: Math.floor((bytes / MB) * 10) / 10 }, locale);
  return translate(language, 'attachments.size.kb', { value: Math.max(1, Math.round(bytes / 1024)) }, locale);
}

const REFUSALS: Record<RefusalReason, MessageKey> = {
  empty: 'attachments.refused.empty',
  tooBig: 'attachments.refused.tooBig',
  typeNotAllowed: 'attachments.refused.typeNotAllowed',
  nameMismatch: 'attachments.refused.nameMismatch',
  tooManyInMessage: 'attachments.refused.tooManyInMessage',
  tooManyOnTicket: 'attachments.refused.tooManyOnTicket',
  unreadable: 'attachments.refused.unreadable',
};

export interface AcknowledgementContext {
  language: Language;
  locale?: string;
  limits: AttachmentLimits;
}

/** Why a file was refused, for a person: the reason with the limit it ran into. */
export function refusalText(refused: Pick<Refused, 'reason' | 'name'>, { language, locale, limits }: AcknowledgementContext): string {
  const max = refused.reason === 'tooBig' ? sizeText(limits.maxBytes, language, locale) : refused.reason === 'tooManyInMessage' ? limits.maxPerMessage : limits.maxPerTicket;
  return translate(language, REFUSALS[refused.reason], { name: refused.name, max }, locale);
}

/** "Added screenshot.png (240 KB) to your request SR-1000001", "Got …; it goes on your request when I file it", or why not. */
export function acknowledgement(result: Accepted | Refused, context: AcknowledgementContext): string {
  if (!result.ok) return refusalText(result, context);
  const { attachment } = result;
  const values = { name: attachment.name, size: sizeText(attachment.size, context.language, context.locale), number: attachment.ticketNumber ?? '' };
  return translate(context.language, attachment.ticketNumber ? 'attachments.added.ticket' : 'attachments.added.waiting', values, context.locale);
}

/** The files sent before the request was filed are on it now (said after the ticket's confirmation). */
export const movedText = (count: number, ticketNumber: string, language: Language, locale?: string) =>
  translate(language, 'attachments.added.moved', { count, number: ticketNumber }, locale);

/** The console's chat lines about files, in English like the console. */
const forAgents = (key: MessageKey, values: Record<string, string>) => translate('en', key, values);
export const agentNotices = {
  adminSent: (name: string, size: number) => forAgents('attachments.notice.adminSent', { name, size: sizeText(size) }),
  agentSent: (agent: string, name: string, size: number) => forAgents('attachments.notice.agentSent', { agent, name, size: sizeText(size) }),
  declined: (name: string) => forAgents('attachments.notice.declined', { name }),
  accepted: (name: string) => forAgents('attachments.notice.accepted', { name }),
  failed: (name: string) => forAgents('attachments.notice.failed', { name }),
};
