// What the exchange refused at the door: a bad signature, a replay, an unknown sender, a forbidden
// attachment, a file that grew while read, an unreachable host … One row each, with a clear Chinese reason, so an
// administrator sees why nothing was imported. Never throws: a refusal that cannot be logged must not hide the
// refusal itself from the caller.
import { db } from '@/lib/db';
import { jsonInput } from '@/lib/db/json-column';

export type ExchangeChannel = 'PUSH' | 'SOAP' | 'SMTP' | 'IMAP' | 'SFTP' | 'FTP' | 'TRANSPORT' | 'CITY';

export interface Refusal {
  nodeRef?: string | null;
  channel: ExchangeChannel;
  /** What was refused: a file name, a mail's message id, a transfer id. */
  subject: string;
  reason: string;
  detail?: Record<string, unknown>;
}

export async function recordRefusal(r: Refusal): Promise<void> {
  try {
    await db.exchangeRefusal.create({
      data: {
        nodeRef: r.nodeRef ?? null,
        channel: r.channel,
        subject: r.subject.slice(0, 500),
        reason: r.reason,
        detail: r.detail ? jsonInput(r.detail) : undefined,
      },
    });
  } catch (err) {
    console.error('exchange refusal not recorded', r, err);
  }
}
