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
 * Email addresses and phone numbers can also arrive inside text no path names: an error message, a
 * body a channel echoed back in its error (the bot's summary of the request, say). Every string of a
 * log line is scrubbed of them.
 */
export function scrubPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

/** A copy of what a caller passed to the logger, strings scrubbed; errors are left to the err serializer. */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubPersonalData(value);
  if (depth > 8 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
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
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, scrubError(v, seen, depth + 1)]));
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
