// One line of a batch's history (the traceable collection of ).
import type { Db, Prisma } from '@/lib/db';

export interface BatchEventInput {
  batchId: string;
  kind: string;
  message: string;
  actorId?: string | null;
  actorName?: string | null;
  data?: Prisma.InputJsonValue;
  /** Set by activities so a retry writes the line once. */
  dedupKey?: string;
}

export async function recordEvent(db: Db | Prisma.TransactionClient, e: BatchEventInput): Promise<void> {
  const data = {
    batchId: e.batchId,
    kind: e.kind,
    message: e.message,
    actorId: e.actorId ?? null,
    actorName: e.actorName ?? null,
    data: e.data,
    dedupKey: e.dedupKey ?? null,
  };
  if (e.dedupKey) await db.batchEvent.upsert({ where: { dedupKey: e.dedupKey }, create: data, update: {} });
  else await db.batchEvent.create({ data });
}
