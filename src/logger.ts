import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Anything that could carry a secret or personal data is redacted by path so a
 * careless `log.info({ req })` cannot leak an auth header, a token, an email address or a phone number.
 */
export const redactedPaths = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'token',
  '*.token',
  'password',
  '*.password',
  'MicrosoftAppPassword',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'requester.email',
  'requester.phone',
  '*.requester.email',
  '*.requester.phone',
  'requester_email',
  'requester_phone',
  '*.requester_email',
  '*.requester_phone',
];

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
/** International numbers as admins type them (a + and the country code, then digits with spaces, dots, dashes or brackets), and E.164. */
const PHONE = /\+\d[\d\s().-]{6,}\d/g;
/**
 * National numbers, which start at the trunk prefix 0: `030 1234567`, `(030) 1234567`, `0151-23456789`,
 * `02 2345 6789`, `0612345678`. Not part of a longer token (a UUID, an id like `conv|0000042`, a date).
 * Which matches are numbers is decided by `isNationalNumber`.
 */
const NATIONAL = /(?<![\w+.\-/|#])(?:\(0\d{1,4}\) ?|0\d{1,4}[ ./-]?)\d{2,8}(?:[ .-]\d{2,8}){0,3}(?![\w-]|[./]\d)/g;
/** North American numbers without the +1: `(425) 555-0100`, `425-555-0100`, `425.555.0100`, `425 555 0100`. */
const NANP = /(?<![\w+.\-/|#])(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w-]|[./]\d)/g;

/**
 * A match of NATIONAL is a phone number with 9 to 13 digits (a date such as 01-12-2026 has 8); written
 * without separators, with 10 to 12 and an area code after the 0 (a zero-padded counter is 000...).
 */
function isNationalNumber(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  if (/^\d+$/.test(match)) return digits.length >= 10 && digits.length <= 12 && digits[1] !== '0';
  return digits.length >= 9 && digits.length <= 13;
}

/**
 * Email addresses and phone numbers can also arrive inside text no path names: an error message, a
 * body a channel echoed back in its error (the bot's summary of the request, say). Every string of a
 * log line is scrubbed of them.
 */
export function scrubPersonalData(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[phone]')
    .replace(NATIONAL, (match) => (isNationalNumber(match) ? '[phone]' : match))
    .replace(NANP, '[phone]');
}

/**
 * A copy of what a caller passed to the logger, strings scrubbed. The `err` field is left to the err
 * serializer; an error anywhere else gets the same treatment here (pino would print its fields as they are).
 */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubPersonalData(value);
  if (value instanceof Error) return scrubError(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, depth === 0 && k === 'err' ? v : scrub(v, depth + 1)]));
}

/**
 * A serialized error as plain data, strings scrubbed. Errors nest (a dialog error wrapping the
 * connector's, with the body the channel answered), so every object inside is walked.
 */
function scrubError(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === 'string') return scrubPersonalData(value);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth > 8 || seen.has(value) || ArrayBuffer.isView(value)) return '[omitted]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrubError(v, seen, depth + 1));
  if (value instanceof Error) value = { ...stdSerializers.err(value) };
  return Object.fromEntries(
    Object.entries(value as object).map(([k, v]) => {
      if (k === 'dialogContext') return [k, dialogContextSummary(v)];
      // A database error carries the query's parameters: the rows being written, personal data and all.
      if (k === 'params' && Array.isArray(v)) return [k, '[redacted]'];
      return [k, scrubError(v, seen, depth + 1)];
    }),
  );
}

/** A dialog on a stack as botbuilder-dialogs keeps it: its id and its state, where a component dialog keeps its own stack. */
interface DialogInstanceLike {
  id?: unknown;
  state?: { dialogs?: { dialogStack?: unknown } };
}

/** The ids of a dialog stack, outermost first, with the stacks of component dialogs inside it. */
function dialogIds(stack: unknown, depth = 0): string[] {
  if (!Array.isArray(stack) || depth > 8) return [];
  return (stack as DialogInstanceLike[]).flatMap((instance) => [
    ...(typeof instance?.id === 'string' ? [instance.id] : []),
    ...dialogIds(instance?.state?.dialogs?.dialogStack, depth + 1),
  ]);
}

/**
 * botbuilder-dialogs attaches `dialogContext` to an error thrown in a dialog (DialogContextError): the
 * active dialog's id, its parent's, and the whole stack with each dialog's state, which holds what the
 * admin answered (name, phone number, the problem). Only the ids are logged.
 */
function dialogContextSummary(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { activeDialog, parent, stack } = value as { activeDialog?: unknown; parent?: unknown; stack?: unknown };
  const id = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { activeDialog: id(activeDialog), parent: id(parent), stack: dialogIds(stack) };
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'support-assistant' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: { err: (err: Error) => scrubError(err) },
      hooks: {
        // The message and the fields as the caller gave them; errors go through the err serializer.
        logMethod(args, method) {
          const cleaned = args.map((arg, i) => (i === 0 && arg instanceof Error ? arg : scrub(arg)));
          return method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    destination as never,
  );
}
