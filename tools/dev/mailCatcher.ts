// A real SMTP server on loopback that keeps what it receives: `npm run dev:mail` for development (point
// SMTP_URL at it and watch the notifications arrive), and the tests' mail server. Nothing is relayed.
//   npm run dev:mail            listens on 127.0.0.1:2525 and prints each mail
//   npm run dev:mail -- 2526    another port
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface CaughtMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface MailCatcher {
  url: string;
  port: number;
  mails: CaughtMail[];
  /** Makes the next `count` messages fail: a 4xx or 5xx answer, or no answer at all ('stall'). */
  refuseNext(count: number, how: 451 | 554 | 'stall'): void;
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startMailCatcher(opts: { port?: number; onMail?: (mail: CaughtMail) => void } = {}): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let refusals: Array<451 | 554 | 'stall'> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal === 'stall') return; // never answers: the sender's timeout decides
        if (refusal) {
          const err = new Error(refusal === 451 ? 'Try again later' : 'Rejected') as Error & { responseCode: number };
          err.responseCode = refusal;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          const mail = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, parsed };
          mails.push(mail);
          opts.onMail?.(mail);
          for (const w of waiters.filter((w) => mails.length >= w.count)) w.resolve();
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    refuseNext(count, how) {
      refusals = [...refusals, ...Array.from({ length: count }, () => how)];
    },
    waitFor(count, timeoutMs = 15_000) {
      if (mails.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${mails.length} of ${count} mails arrived`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1]?.endsWith('mailCatcher.ts')) {
  const port = Number(process.argv[2] ?? 2525);
  const catcher = await startMailCatcher({
    port,
    onMail: (m) => {
      process.stdout.write(`\n── mail ${catcher.mails.length} · to ${m.to.join(', ')} · ${m.parsed.subject ?? ''}\n${(m.parsed.text ?? '').trim()}\n`);
    },
  });
  process.stdout.write(`Mail catcher listening. Start the assistant with:\n  SMTP_URL=${catcher.url} MAIL_FROM="Support <support@localhost>" npm start\nEach mail it sends is printed here (nothing leaves this machine). Ctrl+C stops it.\n`);
}
