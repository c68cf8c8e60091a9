// Attachments from a department's IMAP mailbox: every unseen message of the configured mailbox is
// parsed and handed to receiveMail (allow-listed sender, permitted attachment types), then flagged \Seen — the
// acknowledgement: a crash before the flag means the message is read again, and the receipts (node, SHA-256) make
// that import nothing twice.
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { receiveMail, sendersSchema, type MailResult } from './mail';
import { describeFailure, type ConnectionTest } from './remote';
import { recordRefusal } from './refusals';

export const imapConfigSchema = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(993),
  /** true: TLS from the start (993); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: z.boolean().default(true),
  tlsCa: z.string().max(20_000).optional(),
  username: z.string().min(1).max(200),
  password: z.string().max(1000),
  mailbox: z.string().min(1).max(200).default('INBOX'),
  senders: sendersSchema,
  /** Messages read per run, oldest first. */
  limit: z.number().int().min(1).max(1000).default(100),
  timeoutMs: z.number().int().min(500).max(300_000).default(15_000),
});
export type ImapConfig = z.input<typeof imapConfigSchema>;
type Config = z.output<typeof imapConfigSchema>;

function client(c: Config): ImapFlow {
  return new ImapFlow({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: { user: c.username, pass: c.password },
    tls: { ca: c.tlsCa, rejectUnauthorized: true },
    logger: false,
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
  });
}

export async function testConnection(raw: ImapConfig): Promise<ConnectionTest> {
  const c = imapConfigSchema.parse(raw);
  const imap = client(c);
  try {
    await imap.connect();
    const status = await imap.status(c.mailbox, { messages: true, unseen: true });
    return {
      ok: true,
      message: `已连接 ${c.host}:${c.port}，邮箱“${c.mailbox}”中有 ${status ? (status.unseen ?? 0) : 0} 封未读邮件`,
    };
  } catch (err) {
    return { ok: false, message: describeImapFailure(err, c) };
  } finally {
    await imap.logout().catch(() => undefined);
  }
}

function describeImapFailure(err: unknown, c: Config): string {
  const e = err as { authenticationFailed?: boolean };
  if (e?.authenticationFailed) return `登录 ${c.host}:${c.port} 失败：用户名、密码或密钥不正确`;
  return describeFailure(err, `${c.host}:${c.port}`);
}

export interface MailboxRun {
  ok: boolean;
  error?: string;
  messages: ({ uid: number } & MailResult)[];
}

export async function pullMailbox(raw: ImapConfig, opts: { nodeId: string; taskQueue?: string }): Promise<MailboxRun> {
  const c = imapConfigSchema.parse(raw);
  const imap = client(c);
  try {
    await imap.connect();
  } catch (err) {
    const error = describeImapFailure(err, c);
    await recordRefusal({ nodeRef: opts.nodeId, channel: 'IMAP', subject: '(连接)', reason: error });
    return { ok: false, error, messages: [] };
  }
  const messages: MailboxRun['messages'] = [];
  try {
    const lock = await imap.getMailboxLock(c.mailbox);
    try {
      const found = await imap.search({ seen: false }, { uid: true });
      const uids = (found || []).sort((a, b) => a - b).slice(0, c.limit);
      for (const uid of uids) {
        const msg = await imap.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        const mail = await simpleParser(msg.source);
        const result = await receiveMail(mail, { senders: c.senders, channel: 'IMAP', taskQueue: opts.taskQueue });
        await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        messages.push({ uid, ...result });
      }
    } finally {
      lock.release();
    }
  } finally {
    await imap.logout().catch(() => undefined);
  }
  return { ok: true, messages };
}
