import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Forbidden } from '@/app/_components/Forbidden';
import { taskKindLabel } from '@/app/_lib/labels';
import { decodeParam, isTaskId } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { NotFoundError } from '@/lib/errors';
import { getFeedbackTaskView } from '@/lib/feedback/view';
import { getFixTask } from '@/lib/suspects/fix-task';
import { getReviewTask } from '@/lib/suspects/review';
import { getActionableTask } from '@/lib/tasks/inbox';
import { FeedbackScreen } from './FeedbackScreen';
import { FixTaskScreen } from './FixTaskScreen';
import { ReviewScreen } from './ReviewScreen';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '任务办理' };

/** Tasks of other departments are reported as missing, never as forbidden (lib/tasks/inbox.ts). */
async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, allowed } = await staffPage('inbox:view');
  if (!allowed) return <Forbidden />;
  const id = decodeParam((await params).id);
  if (!isTaskId(id)) notFound();
  const task = await orNotFound(getActionableTask(user, id));
  const escalated = !!task.escalatedAt;

  switch (task.kind) {
    case 'SUSPECT_FIX':
      return (
        <FixTaskScreen
          user={user}
          view={await orNotFound(getFixTask(user, id, await clientIp()))}
          escalated={escalated}
        />
      );
    case 'SUSPECT_REVIEW':
      return <ReviewScreen user={user} view={await orNotFound(getReviewTask(user, id))} escalated={escalated} />;
    case 'CENTRE_FEEDBACK':
    case 'FEEDBACK_REVIEW':
      return (
        <FeedbackScreen
          user={user}
          view={await orNotFound(getFeedbackTaskView(user, id, await clientIp()))}
          escalated={escalated}
          forCentre={task.kind === 'FEEDBACK_REVIEW'}
        />
      );
    default:
      return (
        <div className="space-y-3">
          <h1 className="text-xl font-semibold text-slate-900">{task.title}</h1>
          <p className="text-sm text-slate-600" data-testid="task-unsupported">
            “{taskKindLabel(task.kind)}”类任务暂不支持在线办理。
          </p>
        </div>
      );
  }
}
