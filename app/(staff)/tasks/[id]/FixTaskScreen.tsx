import Link from 'next/link';
import { DetailItem } from '@/app/_components/DetailItem';
import { formatCount } from '@/app/_lib/format';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { FixTaskView } from '@/lib/suspects/fix-task';
import { FixGrid } from './FixGrid';
import type { FixField } from './fix-types';
import { OfflinePanel } from './OfflinePanel';
import { TaskHeader, TaskNote } from './TaskHeader';

/** The provider's return-and-fix task: fix on screen, fix offline in the xlsx, or explain rows. */
export function FixTaskScreen({ user, view, escalated }: { user: CurrentUser; view: FixTaskView; escalated: boolean }) {
  const { task, batch } = view;
  const open = task.status === 'OPEN';
  const claimedByOther = task.assigneeName !== null && !task.claimedByMe;
  const canFix = user.permissions.has('data:fix');
  const canEdit = open && canFix && !claimedByOther;
  const fields: FixField[] = view.fields.map((f) => ({
    key: f.key,
    label: f.label,
    required: f.required,
    options: f.type === 'ENUM' && f.codeTable ? (view.codeTables[f.codeTable]?.items ?? []) : null,
  }));
  const openRows = view.items.filter((i) => i.status === 'OPEN').length;

  return (
    <div className="space-y-4">
      <TaskHeader task={task} escalated={escalated} canAct={canFix}>
        <DetailItem label="批次">
          <Link
            href={`/batches/${batch.id}`}
            className="text-blue-700 tabular-nums hover:underline"
            data-testid="task-batch-link"
          >
            {batch.number}
          </Link>
          <span className="ml-2 text-slate-500">{batch.catalogName}</span>
        </DetailItem>
        <DetailItem label="修复进度">
          置疑 {formatCount(batch.rowsSuspect)} 条，已修复 {formatCount(batch.rowsFixed)} 条
        </DetailItem>
      </TaskHeader>
      <TaskNote
        open={open}
        canAct={canFix}
        claimedBy={claimedByOther ? task.assigneeName : null}
        unclaimed={!task.assigneeName}
        what="修复置疑数据"
      />
      {/* Mounted whenever the user may fix, so the upload's answer survives the refresh that closes the task. */}
      {canFix && <OfflinePanel taskId={task.id} enabled={canEdit && openRows > 0} />}
      {/* Always the same element, so the reply message survives the refresh that follows a submission. */}
      <FixGrid taskId={task.id} fields={fields} items={view.items} canEdit={canEdit} />
    </div>
  );
}
