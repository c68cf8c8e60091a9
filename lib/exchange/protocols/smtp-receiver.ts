// The platform's own inbound mail address (R-4.3 "Email transport"): an SMTP server (smtp-server) that accepts
// mail for its configured recipient(s) from allow-listed senders only, parses it (mailparser) and hands it to
// receiveMail. An unknown sender is refused at MAIL FROM (550) and recorded; a message larger than the limit is
// refused by SIZE. Started by the worker or a script, like the SOAP endpoint.
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { z } from 'zod';
import { receiveMail, senderFor, sendersSchema, type MailResult } from './mail';
import { recordRefusal } from './refusals';

export const smtpReceiverSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535),
  /** The addresses the platform receives for, e.g. exchange@credit.wuzhi.gov.cn. */
  recipients: z
    .array(
      z
        .string()
        .email()
        .transform((a) => a.toLowerCase()),
    )
    .min(1),
  senders: sendersSchema,
  maxBytes: z
    .number()
    .int()
    .min(1)
    .default(50 * 1024 * 1024),
  /** STARTTLS with this key and certificate (PEM); without them, plain SMTP (a trusted internal network only). */
  tls: z.object({ key: z.string(), cert: z.string() }).optional(),
  taskQueue: z.string().optional(),
});
export type SmtpReceiverConfig = z.input<typeof smtpReceiverSchema>;

export async function startSmtpReceiver(
  raw: SmtpReceiverConfig,
  onMail?: (result: MailResult) => void,
): Promise<{ port: number; close(): Promise<void> }> {
  const c = smtpReceiverSchema.parse(raw);
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: c.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    key: c.tls?.key,
    cert: c.tls?.cert,
    size: c.maxBytes,
    banner: '信用武陟数据交换邮件接收',
    logger: false,
    onMailFrom(address, _session, cb) {
      if (senderFor(address.address, c.senders)) return cb();
      const reason = `发件人“${address.address}”不在允许名单中，邮件未接收`;
      void recordRefusal({ channel: 'SMTP', subject: address.address, reason });
      cb(Object.assign(new Error(reason), { responseCode: 550 }));
    },
    onRcptTo(address, _session, cb) {
      if (c.recipients.includes(address.address.toLowerCase())) return cb();
      cb(Object.assign(new Error('收件地址不存在'), { responseCode: 550 }));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) =>
          receiveMail(mail, {
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            senders: c.senders,
            channel: 'SMTP',
            taskQueue: c.taskQueue,
          }),
        )
        .then((result) => {
          onMail?.(result);
          cb();
        })
        .catch((err: unknown) =>
          cb(Object.assign(new Error('邮件处理失败，请稍后重发'), { responseCode: 451, cause: err })),
        );
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(c.port, c.host, resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
