import { z } from 'zod';
import { knownTimeZone, LANGUAGES } from '../i18n/index.js';
import { TicketError } from './ticketError.js';
import { contactMethods, type Cloud, type PlanFamily, type Severity, type TicketCategory } from './ticketTypes.js';

// Runtime lists for zod; `satisfies` keeps them within the support rules' types.
const clouds = ['worldwide', '21vianet', 'germany'] as const satisfies readonly Cloud[];
const planFamilies = ['business', 'enterprise'] as const satisfies readonly PlanFamily[];
const severities = ['A', 'B', 'C'] as const satisfies readonly Severity[];
const categories = ['technical', 'billing', 'presales', 'support', 'out-of-scope'] as const satisfies readonly TicketCategory[];

/**
 * What the service accepts from outside (dialogs, card submits, the agent API), checked with zod before
 * anything reaches the database. Text lengths are capped so one submission cannot bloat the tables.
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** The longest problem description a request keeps. */
export const DESCRIPTION_MAX_CHARS = 8000;
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).nullish());

/** E.164: a plus sign, a country code and at most 15 digits in all. Dialogs normalise before this. */
export const e164Phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an international number like +14255550100');

export const newTicketSchema = z
  .object({
    requester: z.object({
      id: text(256),
      name: text(200),
      email: z.email().max(254),
      phone: e164Phone.nullish(),
    }),
    contactMethod: z.enum(contactMethods),
    cloud: z.enum(clouds),
    planId: optionalText(100),
    planFamily: z.enum(planFamilies).nullish(),
    elevated: z.boolean().default(false),
    hasAdvancedAgreement: z.boolean().default(false),
    category: z.enum(categories),
    topic: optionalText(100),
    product: optionalText(100),
    severity: z.enum(severities),
    severityReason: text(1000),
    description: text(DESCRIPTION_MAX_CHARS),
    articlesTried: z.array(z.object({ id: text(200), title: text(300) })).max(50).default([]),
    callbackRequested: z.boolean().default(false),
    /** The language of the conversation the request was filed from. */
    language: z.enum(LANGUAGES).default('en'),
    channelId: optionalText(100),
    conversationReference: z.record(z.string(), z.unknown()).nullish(),
    /** The admin's IANA time zone as the channel reported it (for call-backs and notifications). */
    requesterTimeZone: z.preprocess((v) => (typeof v === 'string' && v.length <= 64 ? knownTimeZone(v) : undefined), z.string().nullish()),
    /** When the admin said a call suits them, in their words (phone as the preferred method). */
    callbackHours: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (v.contactMethod === 'phone' && !v.requester.phone) {
      ctx.addIssue({ code: 'custom', path: ['requester', 'phone'], message: 'a phone number is needed when the preferred contact method is phone' });
    }
  });

/** The submission as the caller writes it (defaults optional). */
export type NewTicketInput = z.input<typeof newTicketSchema>;

export const dedupeKeySchema = text(256);
export const messageSchema = text(8000);
export const noteSchema = optionalText(2000);
export const agentIdSchema = text(256);

/** Parses with `schema` or throws an `invalid_input` TicketError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new TicketError('invalid_input', `The ${what} is not valid: ${issues.join('; ')}.`, issues);
}
