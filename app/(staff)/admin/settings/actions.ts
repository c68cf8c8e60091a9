'use server';

import { revalidatePath } from 'next/cache';
import { clientIp } from '@/app/_lib/session';
import { requireUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db';
import { AppError, ValidationError } from '@/lib/errors';
import { updateWorkflowSettings, WORKFLOW_SETTINGS } from '@/lib/settings/workflow-settings';

export interface SettingsState {
  ok?: string;
  error?: string;
  fields?: Record<string, string>;
}

/** Saves the workflow deadlines (admin:settings); all or nothing, each change audited. */
export async function saveWorkflowSettings(_prev: SettingsState, formData: FormData): Promise<SettingsState> {
  try {
    const user = await requireUser('admin:settings');
    const input = Object.fromEntries(WORKFLOW_SETTINGS.map((s) => [s.key, String(formData.get(s.key) ?? '')]));
    const { changed } = await updateWorkflowSettings(db, user, input, await clientIp());
    revalidatePath('/admin/settings');
    return { ok: changed.length ? `已保存 ${changed.length} 项，之后新派发的待办按新期限计算` : '没有修改任何参数' };
  } catch (err) {
    if (err instanceof ValidationError) {
      const fields = (err.details as { fields?: { key: string; message: string }[] } | undefined)?.fields ?? [];
      return { error: err.message, fields: Object.fromEntries(fields.map((f) => [f.key, f.message])) };
    }
    if (err instanceof AppError) return { error: err.message };
    throw err;
  }
}
