// The one resubmit path of the return-and-fix loop, shared by the fix screen and the offline file:
// corrected rows that passed the check are saved sealed as FIX_SUBMITTED with a trace line, then handed to
// the workflow, which checks them again and stores them. If the workflow refuses, nothing stays half-done.
import type { CurrentUser } from '@/lib/auth/current-user';
import type { RowValues } from '@/lib/catalog/types';
import { sealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import type { TaskActionReply } from '@/workflows/human-task';
import { submitSaved } from './task-action';
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
    const items = await tx.suspectItem.findMany({
      where: { id: { in: itemIds }, batchId, status: 'OPEN' },
      select: { id: true, round: true },
    });
    if (items.length !== rows.length) throw new ConflictError('部分数据已处理或不属于本任务，请刷新页面');
    const roundOf = new Map(items.map((i) => [i.id, i.round + 1]));
    for (const r of rows) {
      await tx.suspectItem.update({
        where: { id: r.itemId },
        data: { fixSealed: sealJson(r.values), status: 'FIX_SUBMITTED' },
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
  return submitSaved({
    task,
    user,
    ip,
    action: 'resubmit',
    itemIds,
    audit: {
      objectType: 'SuspectItem',
      objectId: batchId,
      detail: { resubmitted: itemIds.length, via: source.via, ...(source.file ? { sha256: source.file.sha256 } : {}) },
    },
    // Rows the workflow did process before refusing keep their trace line.
    undo: () =>
      db.$transaction(async (tx) => {
        const back = await tx.suspectItem.updateManyAndReturn({
          where: { id: { in: itemIds }, status: 'FIX_SUBMITTED' },
          data: { status: 'OPEN' },
          select: { id: true },
        });
        await tx.fixEvent.deleteMany({ where: { id: { in: eventIds }, suspectItemId: { in: back.map((b) => b.id) } } });
      }),
  });
}
