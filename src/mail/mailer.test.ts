import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { consoleMailer, describeSmtp, smtpMailer } from './mailer.js';

/** The smallest SMTP server that accepts mail (RFC 5321 happy path), keeping each message's envelope and data. */
function fakeSmtpServer() {
  const received: { from: string; to: string[]; data: string; auth: string | null }[] = [];
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '', auth: null as string | null };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake.example ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: '', to: [], data: '', auth: current.auth };
          reply('250 OK queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl === -1) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake.example\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO') reply('250 fake.example');
        else if (verb === 'AUTH') {
          current.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64')
            .toString('utf8')
            .split('\0')
            .slice(1)
            .join(':');
          reply('235 Authentication successful');
        } else if (verb === 'MAIL') {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 OK');
        } else if (verb === 'RCPT') {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else reply('502 Command not implemented');
      }
    });
  });
  return { server, received };
}

describe('consoleMailer', () => {
  it('prints the message so a developer can follow the link', async () => {
    let out = '';
    await consoleMailer('Desk <desk@example.org>', (t) => (out += t)).send({
      to: 'a@example.org',
      subject: 'Hi',
      text: 'Line one\nhttps://x/admin/password/reset/abc',
    });
    expect(out).toContain('To: a@example.org');
    expect(out).toContain('Subject: Hi');
    expect(out).toContain('  https://x/admin/password/reset/abc');
    expect(out).toContain('set SMTP_URL');
  });
});

describe('smtpMailer (nodemailer over a real SMTP conversation)', () => {
  const fake = fakeSmtpServer();
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', () => r()));
    port = (fake.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((r) => fake.server.close(() => r())));

  it('delivers with the From of MAIL_FROM, logging in with the URL’s credentials', async () => {
    const mailer = smtpMailer(`smtp://desk%40example.org:s3cret@127.0.0.1:${port}?ignoreTLS=true`, '"The Courier" <desk@example.org>');
    await mailer.send({ to: 'reporter@example.org', subject: 'Ваш пароль', text: 'Open https://news.example.org/admin/password/reset/abc' });
    expect(fake.received).toHaveLength(1);
    const m = fake.received[0]!;
    expect(m.from).toBe('desk@example.org');
    expect(m.to).toEqual(['reporter@example.org']);
    expect(m.auth).toBe('desk@example.org:s3cret');
    expect(m.data).toMatch(/^From: "?The Courier"? <desk@example\.org>$/m);
    expect(m.data).toMatch(/^To: reporter@example\.org$/m);
    expect(m.data).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(m.data).toContain('https://news.example.org/admin/password/reset/abc');
  });

  it('reports a server that does not answer as MAIL_FAILED, without the password', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await smtpMailer(`smtp://desk:s3cret@127.0.0.1:${deadPort}`, 'desk@example.org')
      .send({ to: 'a@example.org', subject: 'x', text: 'y' })
      .then(
        () => null,
        (e: unknown) => e as AppError,
      );
    expect(err).toBeInstanceOf(AppError);
    expect(err!.code).toBe('MAIL_FAILED');
    expect(err!.message).toContain(`smtp://127.0.0.1:${deadPort}`);
    expect(err!.message).not.toContain('s3cret');
    expect(err!.hint).toContain('SMTP_URL');
  });

  it('describes an SMTP URL without its credentials', () => {
    expect(describeSmtp('smtps://u:p@mail.example.org:465')).toBe('smtps://mail.example.org:465');
  });
});
