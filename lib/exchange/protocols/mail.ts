// Files by email (R-4.2, R-4.3 "Email transport"): attachments fetched from a department's IMAP mailbox (./imap.ts)
// and mails sent to the platform's own SMTP receiver (./smtp-receiver.ts) both end here. The sender must be on the
// allow-list, which names the department (and node and catalog) each address delivers for; an attachment must be
// of a format the import reads (xlsx, csv, txt, xml) by its name AND by its content (lib/import/readers/detect.ts).
// A mail from an unknown sender, or an attachment of another kind, is recorded with its reason and not imported.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { detectFormat } from '@/lib/import/read-rows';
import { receiveExchangeFile, type ReceiveOutcome } from './receive';
import { recordRefusal } from './refusals';

export const senderSchema = z.object({
  address: z
    .string()
    .email()
    .transform((a) => a.toLowerCase()),
  nodeId: z.string().min(1).max(100),
  deptCode: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  catalogCode: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
});
export type AllowedSender = z.input<typeof senderSchema>;
export const sendersSchema = z.array(senderSchema).max(1000);

const ALLOWED_EXTENSIONS = /\.(xlsx|csv|txt|xml)$/i;

export type MailAttachmentResult =
  { fileName: string; outcome: 'REFUSED'; reason: string } | ({ fileName: string } & ReceiveOutcome);

export interface MailResult {
  /** REFUSED: the whole mail (unknown sender, nothing attached); otherwise each attachment's own outcome. */
  outcome: 'RECEIVED' | 'REFUSED';
  reason?: string;
  attachments: MailAttachmentResult[];
}

export function senderFor(address: string | undefined, senders: AllowedSender[]) {
  const list = sendersSchema.parse(senders);
  return list.find((s) => s.address === (address ?? '').toLowerCase()) ?? null;
}

export async function receiveMail(
  mail: ParsedMail,
  opts: { envelopeFrom?: string; senders: AllowedSender[]; channel: 'SMTP' | 'IMAP'; taskQueue?: string },
): Promise<MailResult> {
  const headerFrom = mail.from?.value[0]?.address;
  const subject = `${mail.messageId ?? '(无邮件编号)'} ${mail.subject ?? ''}`.trim();
  const sender = senderFor(opts.envelopeFrom ?? headerFrom, opts.senders);
  // Both the envelope sender and the From header must be the allow-listed address when both are known: a mail
  // relayed with another From is not trusted for that department.
  const headerOk = !headerFrom || !sender || headerFrom.toLowerCase() === sender.address;
  if (!sender || !headerOk) {
    const reason = `发件人“${opts.envelopeFrom ?? headerFrom ?? '未知'}”不在允许名单中，邮件未导入`;
    await recordRefusal({ channel: opts.channel, subject, reason });
    return { outcome: 'REFUSED', reason, attachments: [] };
  }
  const files = mail.attachments.filter((a) => a.contentDisposition !== 'inline' || a.filename);
  if (files.length === 0) {
    const reason = '邮件没有附件，未导入';
    await recordRefusal({ nodeRef: sender.nodeId, channel: opts.channel, subject, reason });
    return { outcome: 'REFUSED', reason, attachments: [] };
  }
  const results: MailAttachmentResult[] = [];
  for (const a of files) {
    const fileName = (a.filename ?? 'attachment').replace(/[/\\\0]/g, '_').slice(0, 255);
    const refuse = async (reason: string) => {
      await recordRefusal({
        nodeRef: sender.nodeId,
        channel: opts.channel,
        subject: `${subject} / ${fileName}`,
        reason,
      });
      results.push({ fileName, outcome: 'REFUSED', reason });
    };
    if (!ALLOWED_EXTENSIONS.test(fileName)) {
      await refuse(`附件“${fileName}”的类型不允许：只接收 .xlsx、.csv、.txt、.xml 文件`);
      continue;
    }
    const dir = join(tmpdir(), 'xinyong-exchange');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, randomUUID());
    await writeFile(path, a.content, { mode: 0o600 });
    try {
      // By content, not by the name the sender gave it: an executable named .xlsx is refused here.
      try {
        await detectFormat(path, fileName);
      } catch (err) {
        if (err instanceof AppError) {
          await refuse(`附件“${fileName}”的内容与类型不符：${err.message}`);
          continue;
        }
        throw err;
      }
      const result = await receiveExchangeFile({
        nodeId: sender.nodeId,
        deptCode: sender.deptCode,
        catalogCode: sender.catalogCode,
        channel: opts.channel,
        fileName,
        path,
        sha256: createHash('sha256').update(a.content).digest('hex'),
        taskQueue: opts.taskQueue,
      });
      results.push({ fileName, ...result });
    } finally {
      await rm(path, { force: true });
    }
  }
  return { outcome: 'RECEIVED', attachments: results };
}
