import type { Transporter } from 'nodemailer';
import { AppError } from '../errors.js';

/** One plain-text message. Everything Masthead mails (password links, invitations) is short and has no markup. */
export type MailMessage = { to: string; subject: string; text: string };

/** Where mail goes: SMTP in production, the console in development, memory in tests. */
export interface Mailer {
  readonly kind: string;
  send(message: MailMessage): Promise<void>;
}

/**
 * Development: prints each message, so the person running `npm start` can follow a password or invitation link
 * without a mail server. Never use it where the console is shared: the links are credentials.
 */
export function consoleMailer(from: string, write: (text: string) => void = (t) => process.stdout.write(t)): Mailer {
  return {
    kind: 'console',
    async send(m) {
      write(
        `\n  ---- mail (console mailer; set SMTP_URL to send real mail) ----\n  From: ${from}\n  To: ${m.to}\n  Subject: ${m.subject}\n\n` +
          `${m.text.replace(/^/gm, '  ')}\n  ----\n\n`,
      );
    },
  };
}

/**
 * Production: SMTP through nodemailer. `url` is `smtp://user:pass@host:587` (STARTTLS when the server offers it) or
 * `smtps://user:pass@host:465` (TLS from the start). nodemailer loads with the first message: a server mails rarely,
 * and should not carry it in memory until then.
 */
export function smtpMailer(url: string, from: string): Mailer {
  let transport: Promise<Transporter> | null = null;
  const where = describeSmtp(url);
  return {
    kind: 'smtp',
    async send(m) {
      try {
        transport ??= import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(url));
        await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      } catch (cause) {
        throw new AppError('MAIL_FAILED', `The mail server (${where}) refused or did not answer: ${(cause as Error).message}`, {
          hint: 'Check SMTP_URL (host, port, user, password) and that the server accepts mail from MAIL_FROM.',
          cause,
        });
      }
    },
  };
}

/** The SMTP address without its credentials: safe to print. */
export function describeSmtp(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'SMTP_URL';
  }
}
