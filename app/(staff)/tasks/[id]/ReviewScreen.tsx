import Link from 'next/link';
import { DetailItem } from '@/app/_components/DetailItem';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { ReviewTaskView } from '@/lib/suspects/review';
import { ReviewForm, type ReviewRow } from './ReviewForm';
import { TaskHeader, TaskNote } from './TaskHeader';

/** The credit centre's task: accept explained rows as they are, or return them with a comment. */
export function ReviewScreen({
  user,
  view,
  escalated,
}: {
  user: CurrentUser;
  view: ReviewTaskView;
  escalated: boolean;
}) {
  const { task, batch } = view;
  const open = task.status === 'OPEN';
  const claimedByOther = task.assigneeName !== null && !task.claimedByMe;
  const canReview = user.permissions.has('data:review');
  const label = new Map(view.fields.map((f) => [f.key, f.label]));
  const rows: ReviewRow[] = view.items.map((i) => ({
    id: i.id,
    rowNumber: i.rowNumber,
    explanation: i.explanation ?? '',
    problems: i.problems.map((p) => p.message),
    // The values the problems are about, masked where personal; the subject for orientation.
    facts: [...new Set(['subjectName', ...i.problems.map((p) => p.field).filter((f): f is string => !!f)])]
      .filter((k) => label.has(k))
      .map((k) => ({ label: label.get(k)!, value: i.values[k] ?? '' })),
  }));

  return (
    <div className="space-y-4">
      <TaskHeader task={task} escalated={escalated} canAct={canReview}>
        <DetailItem label="批次">
          <Link href={`/batches/${batch.id}`} className="text-blue-700 tabular-nums hover:underline">
            {batch.number}
          </Link>
          <span className="ml-2 text-slate-500">
            {batch.catalogName} · {batch.providerName}
          </span>
        </DetailItem>
      </TaskHeader>
      <TaskNote
        open={open}
        canAct={canReview}
        claimedBy={claimedByOther ? task.assigneeName : null}
        unclaimed={!task.assigneeName}
        what="审核置疑说明"
      />
      <ReviewForm taskId={task.id} rows={rows} canEdit={open && canReview && !claimedByOther} />
    </div>
  );
}
