'use client';

import { useActionState } from 'react';
import type { SettingView } from '@/lib/settings/workflow-settings';
import { saveWorkflowSettings, type SettingsState } from './actions';

/** One number input per deadline, grouped by the human step; the server checks and saves all at once. */
export function SettingsForm({ settings }: { settings: SettingView[] }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveWorkflowSettings, {});
  const groups = [...new Set(settings.map((s) => s.group))];
  return (
    <form action={action} className="space-y-4" data-testid="settings-form" noValidate>
      {groups.map((g) => (
        <fieldset key={g} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <legend className="px-1 font-medium text-slate-900">{g}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {settings
              .filter((s) => s.group === g)
              .map((s) => {
                const error = state.fields?.[s.key];
                return (
                  <label key={s.key} className="block text-sm text-slate-700">
                    {s.label}
                    <input
                      type="number"
                      name={s.key}
                      min={1}
                      step={1}
                      defaultValue={s.value}
                      aria-invalid={error ? true : undefined}
                      data-testid={`setting-${s.key}`}
                      className={`mt-1 block w-32 rounded-md border px-3 py-1.5 text-sm tabular-nums ${error ? 'border-red-500 bg-red-50' : 'border-slate-300'}`}
                    />
                    <span className="mt-1 block text-xs text-slate-500">{s.description}</span>
                    {error && (
                      <span className="mt-1 block text-xs text-red-600" data-testid="setting-error">
                        {error}
                      </span>
                    )}
                  </label>
                );
              })}
          </div>
        </fieldset>
      ))}
      {state.ok && (
        <p
          role="status"
          data-testid="settings-saved"
          className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          {state.ok}
        </p>
      )}
      {state.error && (
        <p role="alert" data-testid="settings-error" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        data-testid="settings-submit"
        className="rounded-md bg-blue-700 px-5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400"
      >
        {pending ? '保存中…' : '保存'}
      </button>
    </form>
  );
}
