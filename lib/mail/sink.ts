// A local SMTP server on loopback that keeps what it receives: `npm start` (scripts/dev/stack.ts) runs it when no
// mail server is configured, so mail the platform sends can be read (also on the staff page /admin/mail), and
// tests run it to read the codes that arrived. Each message is one JSON file in `dir`.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  receivedAt: string;
}

export interface MailSink {
  port: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  dir: string;
  messages(): ReceivedMail[];
  stop(): Promise<void>;
}

export async function startMailSink(opts: { dir: string; port?: number }): Promise<MailSink> {
  mkdirSync(opts.dir, { recursive: true });
  const server = new SMTPServer({
    // Loopback only, no TLS and no login: it never leaves this machine.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            receivedAt: new Date().toISOString(),
          };
          const name = `${Date.now()}-${randomBytes(4).toString('hex')}.json`;
          writeFileSync(join(opts.dir, name), JSON.stringify(mail));
          callback();
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    dir: opts.dir,
    messages: () => readMailbox(opts.dir),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a sink kept in `dir`, oldest first. */
export function readMailbox(dir: string): ReceivedMail[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as ReceivedMail);
}
