'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { callApi } from '@/app/_lib/api-client';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { EntryForm } from './EntryForm';
import { newId } from './ids';
import { SessionRows, type SessionRow } from './SessionRows';

function hasId(body: unknown): body is { id: unknown } {
  return !!body && typeof body === 'object' && 'id' in body;
}

/**
 * One manual-entry session: rows are entered one by one into a list, then 提交 sends them as one
 * batch. The server checks them again; a refusal comes back per row and nothing is submitted.
 */
export function EntryWorkspace({ def }: { def: CatalogDef }) {
  const router = useRouter();
  const [rows, setRows] = useState<SessionRow[]>([]);
  const [editing, setEditing] = useState<SessionRow | null>(null);
  const [problems, setProblems] = useState(new Map<string, Problem[]>());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per session list: a repeated 提交 (double click, retry after a timeout) gets the same batch.
  const [submissionId] = useState(() => newId());

  useEffect(() => {
    if (rows.length === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [rows.length]);

  function add(values: RowValues) {
    const row = { id: editing?.id ?? newId(), values };
    setRows((list) => (editing ? list.map((r) => (r.id === row.id ? row : r)) : [...list, row]));
    setProblems((m) => new Map([...m].filter(([id]) => id !== row.id)));
    setEditing(null);
  }

  async function submit() {
    setBusy(true);
    setError(null);
    const res = await callApi(`/api/entry/${encodeURIComponent(def.code)}`, {
      json: { submissionId, rows: rows.map((r) => r.values) },
      accept: hasId,
    });
    setBusy(false);
    if (res.ok) {
      setRows([]); // nothing left to lose: no leave warning on the way to the batch
      router.push(`/batches/${String(res.data.id)}`);
      return;
    }
    const perRow = (res.details as { rows?: { row: number; problems: Problem[] }[] } | undefined)?.rows ?? [];
    setProblems(new Map(perRow.map((r) => [rows[r.row - 1]?.id ?? '', r.problems])));
    setError(res.message);
  }

  return (
    <div className="space-y-5">
      <EntryForm def={def} editing={editing?.values ?? null} onAdd={add} />
      <section aria-labelledby="session-title" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="session-title" className="font-medium text-slate-900">
            待提交数据{' '}
            <span className="tabular-nums" data-testid="entry-count">
              {rows.length}
            </span>{' '}
            行
          </h2>
          <button
            type="button"
            onClick={submit}
            disabled={busy || rows.length === 0}
            data-testid="entry-submit"
            className="rounded-md bg-blue-700 px-5 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-blue-300"
          >
            {busy ? '提交中…' : `提交（${rows.length} 行）`}
          </button>
        </div>
        {error && (
          <p
            role="alert"
            data-testid="entry-submit-error"
            className="rounded-md bg-red-50 px-4 py-2 text-sm text-red-700"
          >
            {error}
          </p>
        )}
        <SessionRows
          def={def}
          rows={rows}
          problems={problems}
          onEdit={(id) => setEditing(rows.find((r) => r.id === id) ?? null)}
          onRemove={(id) => setRows((list) => list.filter((r) => r.id !== id))}
        />
      </section>
    </div>
  );
}
