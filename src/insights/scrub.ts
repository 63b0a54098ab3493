import { scrubPersonalData } from '../logger.js';

/**
 * The admin's words as the insights keep them (knowledge-gap samples, satisfaction comments): email
 * addresses and phone numbers as the logs remove them, and also links, IP addresses, GUIDs (tenant and
 * object ids) and long numbers (accounts, cards, orders), each replaced by a bracketed placeholder.
 */
export function scrubSample(text: string): string {
  return scrubPersonalData(text)
    .replace(/\bhttps?:\/\/\S+/gi, '[link]')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[id]')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, '[ip]')
    .replace(/\b(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}\b/gi, '[ip]')
    .replace(/(?<![\w-])\d[\d -]{7,}\d(?![\w-])/g, (m) => (m.replace(/\D/g, '').length >= 8 ? '[number]' : m))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The placeholders scrubSample writes: not words to group texts by. */
export const PLACEHOLDERS = /\[(?:email|phone|link|id|ip|number)\]/g;
