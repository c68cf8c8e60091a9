'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';

interface Option {
  value: string;
  label: string;
  disabled?: boolean;
  hint?: string;
}

/** A form field, described as data so server pages can declare forms (functions cannot cross to the client). */
export type FieldSpec =
  | {
      kind: 'text' | 'password' | 'number';
      name: string;
      label: string;
      defaultValue?: string | number | null;
      required?: boolean;
      /** Empty input is sent as null instead of ''. */
      nullable?: boolean;
      placeholder?: string;
      hint?: string;
    }
  | { kind: 'select'; name: string; label: string; options: Option[]; defaultValue?: string | null; nullable?: boolean }
  | { kind: 'checkboxes'; name: string; label: string; options: Option[]; defaultValue?: string[]; hint?: string }
  | { kind: 'checkbox'; name: string; label: string; defaultValue?: boolean }
  | { kind: 'hidden'; name: string; value: string };

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

/**
 * Sends the fields as JSON to an /api/admin route, then refreshes the page (or opens `redirectTo`, where
 * `{id}` is replaced by the id in the answer). Test ids: `<testId>-<field>`, `<testId>-submit`, `<testId>-error`.
 */
export function AdminForm({
  method,
  url,
  fields,
  submitLabel,
  testId,
  redirectTo,
  resetOnSuccess = false,
  inline = false,
}: {
  method: string;
  url: string;
  fields: FieldSpec[];
  submitLabel: string;
  testId: string;
  redirectTo?: string;
  resetOnSuccess?: boolean;
  inline?: boolean;
}) {
  const router = useRouter();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    setDone(false);
    const result = await callApi(url, { method, json: bodyOf(new FormData(form), fields) });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setDone(true);
    if (resetOnSuccess) form.reset();
    const id = result.data && typeof result.data === 'object' && 'id' in result.data ? String(result.data.id) : '';
    if (redirectTo) router.push(redirectTo.replace('{id}', encodeURIComponent(id)));
    router.refresh();
  }

  return (
    <form onSubmit={submit} data-testid={testId} className={inline ? 'flex flex-wrap items-end gap-3' : 'space-y-3'}>
      {fields.map((f) => (
        <Field key={f.name} field={f} id={`${formId}-${f.name}`} testId={`${testId}-${f.name}`} inline={inline} />
      ))}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={busy}
          data-testid={`${testId}-submit`}
          className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-blue-400"
        >
          {busy ? '提交中…' : submitLabel}
        </button>
        {done && !error && (
          <span className="text-xs text-green-700" role="status" data-testid={`${testId}-done`}>
            已保存
          </span>
        )}
      </div>
      {error && (
        <p role="alert" data-testid={`${testId}-error`} className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

function Field({ field: f, id, testId, inline }: { field: FieldSpec; id: string; testId: string; inline: boolean }) {
  if (f.kind === 'hidden') return <input type="hidden" name={f.name} value={f.value} />;
  if (f.kind === 'checkbox')
    return (
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name={f.name} defaultChecked={f.defaultValue} data-testid={testId} />
        {f.label}
      </label>
    );
  if (f.kind === 'checkboxes')
    return (
      <fieldset className="text-sm" data-testid={testId}>
        <legend className="font-medium text-slate-700">{f.label}</legend>
        {f.hint && <p className="text-xs text-slate-500">{f.hint}</p>}
        <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {f.options.map((o) => (
            <label
              key={o.value}
              className={`flex items-start gap-2 ${o.disabled ? 'text-slate-400' : 'text-slate-700'}`}
            >
              <input
                type="checkbox"
                name={f.name}
                value={o.value}
                disabled={o.disabled}
                defaultChecked={f.defaultValue?.includes(o.value)}
                data-testid={`${testId}-${o.value}`}
                className="mt-0.5"
              />
              <span>
                {o.label}
                {o.hint && <span className="ml-1 text-xs text-slate-500">{o.hint}</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  return (
    <div className={inline ? 'min-w-32' : undefined}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {f.label}
      </label>
      {f.kind === 'select' ? (
        <select id={id} name={f.name} defaultValue={f.defaultValue ?? ''} data-testid={testId} className={inputClass}>
          {f.nullable && <option value="">（无）</option>}
          {f.options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={f.name}
          type={f.kind}
          required={f.required}
          defaultValue={f.defaultValue ?? ''}
          placeholder={f.placeholder}
          autoComplete={f.kind === 'password' ? 'new-password' : 'off'}
          data-testid={testId}
          className={inputClass}
        />
      )}
      {f.kind !== 'select' && f.hint && <p className="mt-1 text-xs text-slate-500">{f.hint}</p>}
    </div>
  );
}

function bodyOf(data: FormData, fields: FieldSpec[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === 'checkboxes') body[f.name] = data.getAll(f.name).map(String);
    else if (f.kind === 'checkbox') body[f.name] = data.get(f.name) === 'on';
    else {
      const value = String(data.get(f.name) ?? '');
      // Passwords are taken exactly as typed; other text loses surrounding spaces.
      const raw = f.kind === 'password' ? value : value.trim();
      if (raw === '' && 'nullable' in f && f.nullable) body[f.name] = null;
      else if (f.kind === 'number') body[f.name] = raw === '' ? undefined : Number(raw);
      else body[f.name] = raw;
    }
  }
  return body;
}
