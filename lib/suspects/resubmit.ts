// The one resubmit path of the return-and-fix loop, shared by the fix screen and the offline file:
// corrected rows that passed the check are claimed (lib/suspects/claim.ts), saved sealed as FIX_SUBMITTED with a
// trace line, then handed to the workflow, which checks them again and stores them. If the workflow refuses,
// what this submission claimed goes back to OPEN and its trace lines go: nothing stays half-done.
import type { CurrentUser } from '@/lib/auth/current-user';
import type { RowValues } from '@/lib/catalog/types';
import { sealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { submitTaskAction, type TaskActionReply } from '@/lib/tasks/task-action';
import { claimOpenItems } from './claim';
import { jsonInput } from '@/lib/db/json-column';

export interface CheckedFix {
  itemId: string;
  values: RowValues;
}

export interface FixSource {
  /** 'screen' or 'file' (the offline xlsx), kept on the trace line. */
  via: 'screen' | 'file';
  file?: { id: string; sha256: string; name: string };
}

export async function resubmitChecked(
  user: CurrentUser,
  task: { id: string; workflowId: string },
  batchId: string,
  rows: CheckedFix[],
  source: FixSource,
  ip: string | null,
): Promise<TaskActionReply> {
  const itemIds = rows.map((r) => r.itemId);
  const eventIds = await db.$transaction(async (tx) => {
    const items = await claimOpenItems(tx, batchId, itemIds, 'FIX_SUBMITTED');
    const roundOf = new Map(items.map((i) => [i.id, i.round + 1]));
    for (const r of rows) {
      await tx.suspectItem.update({
        where: { id: r.itemId },
        data: { fixSealed: sealJson(r.values) },
      });
    }
    const how = source.via === 'file' ? `通过离线文件“${source.file?.name ?? ''}”` : '在线';
    const created = await tx.fixEvent.createManyAndReturn({
      data: rows.map((r) => ({
        suspectItemId: r.itemId,
        round: roundOf.get(r.itemId)!,
        kind: 'FIX_SUBMITTED',
        message: `${user.displayName} ${how}提交第 ${roundOf.get(r.itemId)} 次修复`,
        actorId: user.id,
        actorName: user.displayName,
        data: jsonInput(source),
      })),
      select: { id: true },
    });
    return created.map((e) => e.id);
  });
  return submitTaskAction({
    task,
    user,
    ip,
    action: 'resubmit',
    data: { itemIds },
    audit: {
      objectType: 'SuspectItem',
      objectId: batchId,
      detail: { resubmitted: itemIds.length, via: source.via, ...(source.file ? { sha256: source.file.sha256 } : {}) },
    },
    // Only this submission claimed these rows, and the refusal means the workflow did not touch them.
    undo: () =>
      db.$transaction([
        db.suspectItem.updateMany({
          where: { id: { in: itemIds }, status: 'FIX_SUBMITTED' },
          data: { status: 'OPEN' },
        }),
        db.fixEvent.deleteMany({ where: { id: { in: eventIds } } }),
      ]),
  });
}
