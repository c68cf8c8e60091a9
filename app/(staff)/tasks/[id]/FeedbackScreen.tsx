import { DetailItem } from '@/app/_components/DetailItem';
import { formatDateTime } from '@/app/_lib/format';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { FeedbackTaskView } from '@/lib/feedback/view';
import { FeedbackDecisionForm } from './FeedbackDecisionForm';
import { FeedbackRespondForm, type RespondGroup } from './FeedbackRespondForm';
import { TaskHeader, TaskNote } from './TaskHeader';

/**
 * Centre feedback (中心反馈, R-3.4): the provider corrects or explains each record sent back; the centre
 * then closes the case or returns items. Both sides use this screen, each with its own form.
 */
export function FeedbackScreen({
  user,
  view,
  escalated,
  forCentre,
}: {
  user: CurrentUser;
  view: FeedbackTaskView;
  escalated: boolean;
  forCentre: boolean;
}) {
  const { task, feedbackCase: fc } = view;
  const open = task.status === 'OPEN';
  const claimedByOther = task.assigneeName !== null && !task.claimedByMe;
  const permission = forCentre ? 'data:review' : 'data:fix';
  const canAct = user.permissions.has(permission);
  const canEdit = open && canAct && !claimedByOther;
  const groups: RespondGroup[] = view.catalogs.map((c) => ({
    name: c.name,
    fields: c.fields.map((f) => ({
      key: f.key,
      label: f.label,
      options: f.type === 'ENUM' && f.codeTable ? (c.codeTables[f.codeTable]?.items ?? []) : null,
    })),
    items: c.items,
  }));

  return (
    <div className="space-y-4">
      <TaskHeader task={task} escalated={escalated} canAct={canAct}>
        <DetailItem label="反馈单">
          <span className="tabular-nums" data-testid="feedback-number">
            {fc.number}
          </span>
          {fc.round > 1 && <span className="ml-2 text-slate-500">第 {fc.round} 轮</span>}
        </DetailItem>
        <DetailItem label="发出">
          {fc.createdByName} · {formatDateTime(fc.createdAt)}
        </DetailItem>
      </TaskHeader>
      <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="feedback-reason">
        反馈原因：{fc.reason}
      </p>
      <TaskNote
        open={open}
        canAct={canAct}
        claimedBy={claimedByOther ? task.assigneeName : null}
        unclaimed={!task.assigneeName}
        what={forCentre ? '办结中心反馈' : '处理中心反馈'}
      />
      {forCentre ? (
        <FeedbackDecisionForm taskId={task.id} groups={groups} canEdit={canEdit} />
      ) : (
        <FeedbackRespondForm taskId={task.id} groups={groups} canEdit={canEdit} />
      )}
    </div>
  );
}
