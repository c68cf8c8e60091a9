// Files by email against real mail servers: attachments fetched from a real IMAP mailbox (Debian's
// dovecot on loopback) and mails sent by SMTP (nodemailer) to the platform's own receiver (smtp-server). An
// allow-listed sender's spreadsheet becomes one batch and the message is flagged seen; a mail from an unknown
// sender, an attachment of a forbidden type, or an executable named .xlsx is recorded with its reason and not
// imported; reading the mailbox again imports nothing twice.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { pullMailbox, testConnection } from '../../lib/exchange/protocols/imap';
import type { MailResult } from '../../lib/exchange/protocols/mail';
import { startSmtpReceiver } from '../../lib/exchange/protocols/smtp-receiver';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { waitFor, waitForBatchStatus } from '../support/wait';

const tag = Date.now().toString(36);
const dept = {
  address: 'data@scjgj.example.cn',
  nodeId: `mail-node-${tag}`,
  deptCode: 'SCJGJ',
  catalogCode: 'ADMIN_PENALTY',
};
let dovecot: Dovecot;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const received: MailResult[] = [];

async function xlsx(rows: number, prefix: string): Promise<Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), 'mail-')), 'f.xlsx');
  await writePenaltyXlsx(path, penaltyRows(rows, { prefix }));
  return readFileSync(path);
}

async function compose(from: string, attachments: { filename: string; content: Buffer }[]): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail({
    from,
    to: 'exchange@platform.example.cn',
    subject: `数据报送 ${tag}`,
    text: '附件为本期数据。',
    attachments,
    messageId: `<${randomUUID()}@test>`,
  });
  return info.message as Buffer;
}

const imapConfig = () => ({
  host: '127.0.0.1',
  port: dovecot.port,
  secure: false,
  username: 'scjgj',
  password: 'mail-pass',
  senders: [dept],
});

beforeAll(async () => {
  dovecot = await startDovecot([{ username: 'scjgj', password: 'mail-pass' }]);
  smtp = await startSmtpReceiver({ port: 0, recipients: ['exchange@platform.example.cn'], senders: [dept] }, (r) =>
    received.push(r),
  );
});
afterAll(async () => {
  await Promise.all([dovecot?.stop(), smtp?.close()]);
  await db.$disconnect();
});

describe('IMAP mailbox', () => {
  it('R-4.2 R-4.3 imports an allow-listed attachment once, flags the mail seen, refuses unknown senders and forbidden types', async () => {
    expect(await testConnection(imapConfig())).toMatchObject({ ok: true });
    const wrong = await testConnection({ ...imapConfig(), password: 'nope' });
    expect(wrong).toEqual({ ok: false, message: expect.stringContaining('用户名、密码或密钥不正确') });

    const imap = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: 'scjgj', pass: 'mail-pass' },
      logger: false,
    });
    await imap.connect();
    const sheet = await xlsx(3, `IM${tag}-`);
    await imap.append('INBOX', await compose(dept.address, [{ filename: `处罚_${tag}.xlsx`, content: sheet }]));
    await imap.append(
      'INBOX',
      await compose('stranger@evil.example', [{ filename: `处罚_外来_${tag}.xlsx`, content: sheet }]),
    );
    await imap.append(
      'INBOX',
      await compose(dept.address, [
        { filename: `工具_${tag}.exe`, content: Buffer.from('MZ\x90\x00 not a spreadsheet') },
        { filename: `伪装_${tag}.xlsx`, content: Buffer.from('MZ\x90\x00 an executable named xlsx') },
      ]),
    );
    await imap.logout();

    const run = await pullMailbox(imapConfig(), { nodeId: dept.nodeId });
    expect(run.ok).toBe(true);
    expect(run.messages).toHaveLength(3);
    const [good, stranger, forbidden] = run.messages;
    expect(good!.attachments.map((a) => a.outcome)).toEqual(['BATCH']);
    const a = good!.attachments[0]!;
    if (a.outcome === 'BATCH')
      expect((await waitForBatchStatus(a.batchId, ['COMPLETED', 'RETURNED'])).rowsStored).toBe(3);
    expect(stranger).toMatchObject({ outcome: 'REFUSED', reason: expect.stringContaining('不在允许名单中') });
    expect(forbidden!.attachments).toEqual([
      expect.objectContaining({ outcome: 'REFUSED', reason: expect.stringContaining('类型不允许') }),
      expect.objectContaining({ outcome: 'REFUSED', reason: expect.stringContaining('内容与类型不符') }),
    ]);
    const logged = await db.exchangeRefusal.findMany({ where: { channel: 'IMAP', subject: { contains: tag } } });
    const reasons = logged.map((l) => l.reason);
    expect(reasons.some((r) => r.includes('不在允许名单中'))).toBe(true);
    expect(reasons.some((r) => r.includes('类型不允许'))).toBe(true);

    // Every message was flagged seen: the next run reads nothing, imports nothing.
    const again = await pullMailbox(imapConfig(), { nodeId: dept.nodeId });
    expect(again.messages).toHaveLength(0);
    expect(await db.exchangeReceipt.count({ where: { nodeRef: dept.nodeId, channel: 'IMAP' } })).toBe(1);
  });
});

describe('SMTP receiver', () => {
  const send = (from: string, attachments: { filename: string; content: Buffer }[]) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true })
      .sendMail({ from, to: 'exchange@platform.example.cn', subject: `报送 ${tag}`, text: '见附件', attachments });

  it('R-4.3 accepts a file mailed by an allow-listed sender into one batch; a re-sent copy imports nothing', async () => {
    const sheet = await xlsx(2, `SM${tag}-`);
    await send(dept.address, [{ filename: `邮件_${tag}.xlsx`, content: sheet }]);
    const first = await waitFor('the mail', async () => received[0] ?? null);
    expect(first.attachments.map((a) => a.outcome)).toEqual(['BATCH']);
    await send(dept.address, [{ filename: `邮件_${tag}_重发.xlsx`, content: sheet }]);
    const second = await waitFor('the second mail', async () => received[1] ?? null);
    expect(second.attachments.map((a) => a.outcome)).toEqual(['DUPLICATE']);
  });

  it('R-4.3 R-8.2 refuses a mail from an unknown sender at MAIL FROM, with the reason recorded', async () => {
    const sender = `unknown-${tag}@elsewhere.example`;
    await expect(send(sender, [{ filename: 'x.xlsx', content: Buffer.from('x') }])).rejects.toThrow(/550/);
    const logged = await db.exchangeRefusal.findFirst({ where: { channel: 'SMTP', subject: sender } });
    expect(logged?.reason).toContain('不在允许名单中');
  });
});
