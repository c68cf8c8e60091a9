// One line of a suspect row's or a feedback item's fix loop: what was submitted, with which outcome,
// by whom and when. The record timeline shows these; they never carry personal values, only ids and problems.
import type { Db, Prisma } from '@/lib/db';

export interface FixEventInput {
  suspectItemId?: string;
  feedbackItemId?: string;
  round: number;
  kind: FixEventKind;
  message: string;
  actor?: { id: string; name: string } | null;
  data?: Prisma.InputJsonValue;
  /** Set by activities so a retry writes the line once. */
  dedupKey?: string;
}

export type FixEventKind =
  | 'FIX_SUBMITTED' // the provider resubmitted corrected values (on screen or offline)
  | 'FIX_STORED' // the corrected row passed the check and was stored
  | 'FIX_FAILED' // the corrected row still breaks a rule
  | 'EXPLAINED' // the provider asks the centre to accept the row as it is
  | 'ACCEPTED' // the centre accepted the explanation; stored as is
  | 'RETURNED' // the centre returned the row or item with a comment
  | 'FEEDBACK_SENT' // the centre sent a stored record back (中心反馈)
  | 'CORRECTED' // the provider corrected a fed-back record: a new revision
  | 'CLOSED' // the centre closed the feedback
  | 'OVERDUE' // the step's deadline passed: reminded
  | 'ESCALATED'; // long overdue: escalated

export async function recordFixEvents(db: Db | Prisma.TransactionClient, events: FixEventInput[]): Promise<void> {
  if (!events.length) return;
  await db.fixEvent.createMany({
    data: events.map((e) => ({
      suspectItemId: e.suspectItemId ?? null,
      feedbackItemId: e.feedbackItemId ?? null,
      round: e.round,
      kind: e.kind,
      message: e.message,
      actorId: e.actor?.id ?? null,
      actorName: e.actor?.name ?? null,
      data: e.data,
      dedupKey: e.dedupKey ?? null,
    })),
    skipDuplicates: true,
  });
}
