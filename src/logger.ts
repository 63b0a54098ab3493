import { pino, type Logger } from 'pino';

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
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'support-assistant' }, redact: { paths: redactedPaths, censor: '[redacted]' } },
    destination as never,
  );
}
