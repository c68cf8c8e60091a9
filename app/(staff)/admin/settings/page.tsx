import type { Metadata } from 'next';
import { Forbidden } from '@/app/_components/Forbidden';
import { staffPage } from '@/app/_lib/session';
import { db } from '@/lib/db';
import { listWorkflowSettings } from '@/lib/settings/workflow-settings';
import { SettingsForm } from './SettingsForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '流程参数' };

/** Workflow deadlines in working days, edited by administrators (admin:settings). */
export default async function WorkflowSettingsPage() {
  const { allowed } = await staffPage('admin:settings');
  if (!allowed) return <Forbidden />;
  const settings = await listWorkflowSettings(db);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">流程参数</h1>
        <p className="mt-1 text-sm text-slate-600">
          各环节的办理期限与督办时限，按工作日计算（节假日与调休见工作日历）。修改后对新派发的待办生效，已派发的待办保持原期限。
        </p>
      </div>
      <SettingsForm settings={settings} />
    </div>
  );
}
