'use client';

import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';

interface PersonRecord {
  id: string;
  catalogName: string;
  date: string;
  fields: { key: string; label: string; value: string }[];
}
interface Answer {
  maskedName: string;
  items: PersonRecord[];
}

// Nothing typed here is kept in the browser: no storage, the fields are cleared of the number after a query.
export function PersonQueryForm() {
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    setAnswer(null);
    const res = await callApi<Answer>('/api/public/person', {
      json: { name: String(data.get('name') ?? ''), idNumber: String(data.get('idNumber') ?? '') },
      cache: 'no-store',
    });
    setBusy(false);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    (form.elements.namedItem('idNumber') as HTMLInputElement).value = '';
    setAnswer(res.data);
  }

  return (
    <>
      <form
        onSubmit={submit}
        className="mt-4 grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
        noValidate
      >
        <div>
          <label htmlFor="person-name" className="block text-sm font-medium text-slate-800">
            姓名
          </label>
          <input
            id="person-name"
            name="name"
            autoComplete="off"
            required
            maxLength={30}
            data-testid="person-name"
            className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="person-id" className="block text-sm font-medium text-slate-800">
            身份证号
          </label>
          <input
            id="person-id"
            name="idNumber"
            autoComplete="off"
            required
            maxLength={18}
            inputMode="text"
            data-testid="person-id"
            className="mt-1 w-full rounded-md border border-slate-400 px-3 py-2"
          />
        </div>
        <div className="sm:col-span-2">
          <button
            type="submit"
            disabled={busy}
            data-testid="person-submit"
            className="rounded-md bg-blue-800 px-5 py-2 font-medium text-white hover:bg-blue-900 disabled:opacity-60"
          >
            {busy ? '查询中…' : '查询'}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-4">
        {error && (
          <p
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
            data-testid="person-error"
          >
            {error}
          </p>
        )}
        {answer && answer.items.length === 0 && (
          <p
            className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700"
            data-testid="person-empty"
          >
            未查询到该人员依法公示的信用信息。
          </p>
        )}
        {answer && answer.items.length > 0 && (
          <section aria-labelledby="person-results" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="person-results" className="font-medium text-slate-900">
              {answer.maskedName} 的公示信息
            </h2>
            <ol className="mt-2 divide-y divide-slate-100" data-testid="person-records">
              {answer.items.map((r) => (
                <li key={r.id} className="py-3 text-sm">
                  <p className="font-medium text-slate-900">
                    {r.catalogName} · {r.date}
                  </p>
                  <dl className="mt-1 grid gap-1 sm:grid-cols-[9rem_1fr]">
                    {r.fields.map((f) => (
                      <div key={f.key} className="contents">
                        <dt className="text-slate-600">{f.label}</dt>
                        <dd className="text-slate-900">{f.value}</dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </>
  );
}
