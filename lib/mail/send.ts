// Sending mail, recorded: every mail is first written to MailMessage (PENDING), then delivered; the row ends
// SENT, or FAILED with the reason. Delivery is a separate step (deliverMail) so the notifications' retrying
// activity (issue 14) can call it again for a failed row without writing a second one.
import { db } from '@/lib/db';
import { smtpTransport, type MailTransport } from './transport';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** What the mail is for, e.g. VERIFY_CODE: shown to staff, and lets a retry policy differ per purpose. */
  purpose: string;
}

export interface MailOutcome {
  id: string;
  status: 'SENT' | 'FAILED';
  error?: string;
}

/** Records the mail and tries to deliver it once; never throws for a delivery failure. */
export async function sendMail(mail: OutgoingMail, transport: MailTransport = smtpTransport): Promise<MailOutcome> {
  const row = await db.mailMessage.create({ data: { ...mail, status: 'PENDING' } });
  return deliverMail(row.id, transport);
}

/** One delivery attempt of a recorded mail (idempotent for one already sent). */
export async function deliverMail(id: string, transport: MailTransport = smtpTransport): Promise<MailOutcome> {
  const row = await db.mailMessage.findUniqueOrThrow({ where: { id } });
  if (row.status === 'SENT') return { id, status: 'SENT' };
  try {
    const { messageId } = await transport.send({ to: row.to, subject: row.subject, text: row.text });
    await db.mailMessage.update({
      where: { id },
      data: { status: 'SENT', attempts: { increment: 1 }, sentAt: new Date(), messageId, error: null },
    });
    return { id, status: 'SENT' };
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await db.mailMessage.update({ where: { id }, data: { status: 'FAILED', attempts: { increment: 1 }, error } });
    return { id, status: 'FAILED', error };
  }
}
