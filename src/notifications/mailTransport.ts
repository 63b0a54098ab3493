import type { SendMailOptions, Transporter } from 'nodemailer';

/**
 * The mail server connection, from SMTP_URL and MAIL_FROM. nodemailer is loaded only when a mail server
 * is configured (about 3 MB of heap and 10 MB of resident memory otherwise spent on nothing, #20); the
 * first mail waits for it, which takes milliseconds. Connections are opened per mail (no pool), so a
 * restarted mail server is picked up.
 */
export interface MailTransport {
  sendMail(options: SendMailOptions): Promise<unknown>;
  close(): void;
}

export function mailTransport(smtpUrl: string, from: string | undefined): MailTransport {
  let closed = false;
  const loading: Promise<Transporter> = import('nodemailer').then(({ createTransport }) => createTransport(smtpUrl, { from }));
  loading.catch(() => undefined); // reported by the first sendMail
  return {
    sendMail: async (options) => (await loading).sendMail(options),
    close() {
      if (closed) return;
      closed = true;
      void loading.then((transport) => transport.close()).catch(() => undefined);
    },
  };
}
