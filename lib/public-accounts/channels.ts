// Where verification codes go. Email goes through the platform's mail (lib/mail); a mobile number needs an SMS
// gateway this deployment does not have: unless SMS_GATEWAY_URL is set, the mobile channel says it is not open
// yet, and registration asks for an email address (docs/operations.md, Mail).
import { env } from '@/lib/env';
import { sendMail } from '@/lib/mail/send';

export type ContactKind = 'EMAIL' | 'MOBILE';

export const SMS_UNAVAILABLE = '短信验证暂未开通，请使用电子邮箱注册';

export interface CodeMessage {
  subject: string;
  text: string;
}

export interface VerificationChannel {
  kind: ContactKind;
  /** Null when the channel can send; otherwise why not, in Chinese. */
  unavailable(): string | null;
  /** Delivers the message; false when delivery failed (the reason is recorded where the channel keeps it). */
  deliver(to: string, message: CodeMessage): Promise<boolean>;
}

const emailChannel: VerificationChannel = {
  kind: 'EMAIL',
  unavailable: () => null,
  async deliver(to, message) {
    const outcome = await sendMail({ to, subject: message.subject, text: message.text, purpose: 'VERIFY_CODE' });
    return outcome.status === 'SENT';
  },
};

const smsChannel: VerificationChannel = {
  kind: 'MOBILE',
  unavailable: () => (env().SMS_GATEWAY_URL ? null : SMS_UNAVAILABLE),
  async deliver(to, message) {
    const url = env().SMS_GATEWAY_URL;
    if (!url) return false;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to, text: message.text }),
        signal: AbortSignal.timeout(10_000),
      });
      return res.ok;
    } catch {
      return false;
    }
  },
};

export function channelFor(kind: ContactKind): VerificationChannel {
  return kind === 'EMAIL' ? emailChannel : smsChannel;
}

export function smsAvailable(): boolean {
  return smsChannel.unavailable() === null;
}
