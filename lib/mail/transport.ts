// The one SMTP transport of this process, built from the configuration (lib/env.ts: SMTP_URL, or SMTP_HOST and
// friends). Nothing here knows about the local sink `npm start` runs: it is just an SMTP server on loopback.
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';

export interface MailEnvelope {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: MailEnvelope): Promise<{ messageId: string }>;
}

/** Why mail cannot be sent at all (no server configured), or null when a transport can be built. */
export function mailConfigProblem(): string | null {
  const e = env();
  return e.SMTP_URL || e.SMTP_HOST ? null : '未配置邮件服务器（SMTP_URL 或 SMTP_HOST）';
}

let cached: { key: string; transporter: Transporter } | undefined;

function transporter(): Transporter {
  const e = env();
  const key = JSON.stringify([e.SMTP_URL, e.SMTP_HOST, e.SMTP_PORT, e.SMTP_SECURE, e.SMTP_USER]);
  if (cached?.key === key) return cached.transporter;
  // Bounded waits: a dead server must turn into a recorded failure, not a request that hangs.
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
  const t = e.SMTP_URL
    ? nodemailer.createTransport(e.SMTP_URL, timeouts)
    : nodemailer.createTransport({
        host: e.SMTP_HOST,
        port: e.SMTP_PORT,
        secure: e.SMTP_SECURE,
        auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? '' } : undefined,
        ...timeouts,
      });
  cached = { key, transporter: t };
  return t;
}

export const smtpTransport: MailTransport = {
  async send(mail) {
    const problem = mailConfigProblem();
    if (problem) throw new Error(problem);
    const info = (await transporter().sendMail({ from: env().MAIL_FROM, ...mail })) as { messageId?: string };
    return { messageId: info.messageId ?? '' };
  },
};
