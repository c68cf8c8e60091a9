'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { DataTable, TableCard, Th } from '@/app/_components/DataTable';
import { callApi } from '@/app/_lib/api-client';
import { FixRow } from './FixRow';
import {
  failingRows,
  isFixReply,
  NETWORK_ERROR,
  toFormRow,
  type FixField,
  type FixFormValues,
  type FixItem,
  type Problem,
} from './fix-types';

interface Props {
  taskId: string;
  fields: FixField[];
  items: FixItem[];
  canEdit: boolean;
}

const DONE_TEXT = '全部置疑数据已处理完毕';

type Outcome = { kind: 'success'; message: string; done: boolean } | { kind: 'error'; message: string };

/**
 * The editable grid of a return-and-fix task. Only checked rows are submitted (a row is checked as soon as it
 * is edited); the server checks them all-or-nothing and answers per-row problems, shown in place.
 */
export function FixGrid({ taskId, fields, items, canEdit }: Props) {
  const router = useRouter();
  const { register, handleSubmit, setValue, reset, getValues, formState } = useForm<FixFormValues>({
    defaultValues: { rows: items.map((i) => toFormRow(i, fields)) },
  });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Problems from the last rejected submission, which replace the stored ones until the row is saved.
  const [freshProblems, setFreshProblems] = useState<Record<string, Problem[]>>({});
  const justSubmitted = useRef<Set<string>>(new Set());
  const mounted = useRef(false);

  // After router.refresh() the rows come back with new statuses: take the server's version of the rows
  // just submitted, but keep what the user typed in rows not yet submitted.
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const current = new Map(getValues('rows').map((r) => [r.itemId, r]));
    reset({
      rows: items.map((item) => {
        const kept = current.get(item.id);
        return kept && item.status === 'OPEN' && !justSubmitted.current.has(item.id) ? kept : toFormRow(item, fields);
      }),
    });
    justSubmitted.current = new Set();
  }, [items, fields, getValues, reset]);

  const onSubmit = handleSubmit(async (form) => {
    setOutcome(null);
    const open = new Set(items.filter((i) => i.status === 'OPEN').map((i) => i.id));
    const chosen = form.rows.filter((r) => r.selected && open.has(r.itemId));
    if (chosen.length === 0) {
      setOutcome({ kind: 'error', message: '请先勾选要提交的行（修改内容后会自动勾选）' });
      return;
    }
    const rows = chosen.map((r) => ({
      itemId: r.itemId,
      values: Object.fromEntries(fields.map((f, j) => [f.key, r.values[j] ?? ''])),
    }));
    const res = await callApi(`/api/tasks/${encodeURIComponent(taskId)}/fixes`, {
      json: { rows },
      accept: isFixReply,
      networkError: NETWORK_ERROR,
    });
    if (res.ok) {
      const ids = new Set(chosen.map((r) => r.itemId));
      justSubmitted.current = ids;
      setFreshProblems((prev) => Object.fromEntries(Object.entries(prev).filter(([id]) => !ids.has(id))));
      setOutcome({ kind: 'success', message: res.data.message, done: res.data.done });
      router.refresh();
      return;
    }
    const failing = failingRows(res.details);
    if (failing.length)
      setFreshProblems((prev) => ({ ...prev, ...Object.fromEntries(failing.map((f) => [f.itemId, f.problems])) }));
    setOutcome({ kind: 'error', message: res.message });
    // A conflict means the task or rows changed under us: show the current state.
    if (res.status === 409) router.refresh();
  });

  // Explanations go to their own endpoint: the rows stay as they are and the credit centre decides.
  const onExplain = handleSubmit(async (form) => {
    setOutcome(null);
    const open = new Set(items.filter((i) => i.status === 'OPEN').map((i) => i.id));
    const rows = form.rows
      .filter((r) => open.has(r.itemId) && r.explanation.trim())
      .map((r) => ({ itemId: r.itemId, explanation: r.explanation.trim() }));
    if (rows.length === 0) {
      setOutcome({ kind: 'error', message: '请先在要申请确认的行中写明理由' });
      return;
    }
    const res = await callApi(`/api/tasks/${encodeURIComponent(taskId)}/explanations`, {
      json: { rows },
      accept: isFixReply,
      networkError: NETWORK_ERROR,
    });
    if (res.ok) {
      justSubmitted.current = new Set(rows.map((r) => r.itemId));
      setOutcome({ kind: 'success', message: res.data.message, done: res.data.done });
      router.refresh();
      return;
    }
    setOutcome({ kind: 'error', message: res.message });
    if (res.status === 409) router.refresh();
  });

  const openCount = items.filter((i) => i.status === 'OPEN').length;
  return (
    <form onSubmit={onSubmit} data-testid="fix-form" noValidate className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">
          待修复 <span data-testid="fix-open-count">{openCount}</span> 行，共 {items.length} 行。
          {canEdit && '修改单元格后该行会自动勾选，勾选的行将一并提交。'}
        </p>
        {canEdit && (
          <span className="flex flex-wrap gap-2">
            <button
              type="button"
              onClick={onExplain}
              disabled={formState.isSubmitting || openCount === 0}
              data-testid="explain-submit"
              className="rounded-md border border-blue-700 px-4 py-2 text-sm font-medium text-blue-700 hover:bg-blue-50 disabled:cursor-not-allowed disabled:opacity-50"
            >
              提交说明，申请中心确认
            </button>
            <button
              type="submit"
              disabled={formState.isSubmitting || openCount === 0}
              data-testid="fix-submit"
              className="rounded-md bg-blue-700 px-5 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-blue-400"
            >
              {formState.isSubmitting ? '提交中…' : '提交修复'}
            </button>
          </span>
        )}
      </div>

      {outcome?.kind === 'success' && (
        <div
          role="status"
          data-testid="fix-message"
          className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          <p>{outcome.message}</p>
          {outcome.done && (
            <p className="mt-1 font-medium" data-testid="fix-done">
              {/* The workflow's reply usually says it already; don't say it twice. */}
              {outcome.message.includes(DONE_TEXT)
                ? null
                : outcome.message.includes('信用中心')
                  ? '本任务已办结，说明待信用中心确认。'
                  : `${DONE_TEXT}。`}
              <Link href="/inbox" className="ml-2 text-blue-700 underline">
                返回待办任务
              </Link>
            </p>
          )}
        </div>
      )}
      {outcome?.kind === 'error' && (
        <p role="alert" data-testid="fix-error" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-700">
          {outcome.message}
        </p>
      )}

      {items.length === 0 && outcome?.kind !== 'success' && (
        <p
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500"
          data-testid="fix-empty"
        >
          暂无待修复的数据。
        </p>
      )}
      {items.length > 0 && (
        <TableCard>
          <DataTable
            testId="fix-table"
            head={
              <>
                <Th pad="px-3 py-2" nowrap className="sticky left-0 z-20 bg-slate-50">
                  选择提交 / 行号
                </Th>
                <Th compact>状态 / 问题</Th>
                {fields.map((f) => (
                  <Th key={f.key} pad="px-2 py-2" nowrap>
                    {f.label}
                    {f.required && (
                      <span className="ml-0.5 text-red-600" aria-label="必填">
                        *
                      </span>
                    )}
                  </Th>
                ))}
              </>
            }
          >
            {items.map((item, index) => (
              <FixRow
                key={item.id}
                index={index}
                item={item}
                fields={fields}
                problems={freshProblems[item.id] ?? item.problems}
                editable={canEdit && item.status === 'OPEN'}
                register={register}
                setValue={setValue}
              />
            ))}
          </DataTable>
        </TableCard>
      )}
    </form>
  );
}
