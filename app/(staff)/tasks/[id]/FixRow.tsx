'use client';

import type { UseFormRegister, UseFormSetValue } from 'react-hook-form';
import { Badge } from '@/app/_components/Badge';
import { SUSPECT_STATUS } from '@/app/_lib/labels';
import type { FixField, FixFormValues, FixItem, Problem } from './fix-types';

interface Props {
  index: number;
  item: FixItem;
  fields: FixField[];
  problems: Problem[];
  editable: boolean;
  register: UseFormRegister<FixFormValues>;
  setValue: UseFormSetValue<FixFormValues>;
}

const cellBase = 'block w-full min-w-40 rounded border px-2 py-1 text-sm focus:outline-none focus:ring-2';
const okCell = `${cellBase} border-slate-300 focus:border-blue-600 focus:ring-blue-600/30`;
const badCell = `${cellBase} border-red-500 bg-red-50 focus:border-red-600 focus:ring-red-500/30`;

/** One suspect row: a checkbox, the row number and its problems, and an input per catalog field. */
export function FixRow({ index, item, fields, problems, editable, register, setValue }: Props) {
  const keys = new Set(fields.map((f) => f.key));
  const byField = new Map<string, string[]>();
  const rowLevel: string[] = [];
  for (const p of problems) {
    // A problem naming a field the grid does not show is still the row's problem: never hide it.
    if (p.field && keys.has(p.field)) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
    else rowLevel.push(p.message);
  }
  const markSelected = () => setValue(`rows.${index}.selected`, true);

  return (
    <tr
      data-testid="fix-row"
      data-item-id={item.id}
      data-row-number={item.rowNumber}
      data-status={item.status}
      className="align-top"
    >
      {/* Checkbox and row number share one sticky cell: two sticky cells drift apart as widths change. */}
      <th scope="row" className="sticky left-0 z-10 bg-white px-3 py-2 text-left font-normal whitespace-nowrap">
        <span className="mt-1 flex items-center gap-2">
          {editable ? (
            <input
              type="checkbox"
              {...register(`rows.${index}.selected`)}
              aria-label={`选择提交第 ${item.rowNumber} 行`}
              data-testid="row-select"
              className="h-4 w-4 accent-blue-700"
            />
          ) : (
            <span className="inline-block w-4" aria-hidden />
          )}
          <span className="tabular-nums text-slate-700">{item.rowNumber}</span>
        </span>
      </th>
      <td className="min-w-48 max-w-72 px-3 py-2 text-xs">
        {item.status !== 'OPEN' && <Badge tone="amber">{SUSPECT_STATUS[item.status] ?? item.status}</Badge>}
        {item.round > 0 && <p className="mt-1 text-slate-500">已提交 {item.round} 次</p>}
        {rowLevel.map((m, k) => (
          <p key={k} className="mt-1 text-red-600" data-testid="row-problem">
            {m}
          </p>
        ))}
        {item.status === 'EXPLAINED' && item.explanation && (
          <p className="mt-1 text-slate-600" data-testid="row-explanation">
            说明：{item.explanation}
          </p>
        )}
        {editable && (
          <label className="mt-2 block text-slate-500">
            数据无误？写明理由，申请中心确认
            <textarea
              rows={2}
              maxLength={1000}
              {...register(`rows.${index}.explanation`)}
              aria-label={`第 ${item.rowNumber} 行 说明理由`}
              data-testid="row-explain"
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-xs focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
            />
          </label>
        )}
      </td>
      {fields.map((field, j) => {
        const messages = byField.get(field.key);
        const id = `cell-${item.id}-${j}`;
        const value = item.values[field.key] ?? '';
        const label = `第 ${item.rowNumber} 行 ${field.label}`;
        return (
          <td key={field.key} className="px-2 py-2" data-field={field.key} data-invalid={messages ? 'true' : undefined}>
            {!editable ? (
              <span
                className={`block min-w-40 whitespace-pre-wrap break-all ${messages ? 'rounded border border-red-500 bg-red-50 px-2 py-1' : ''}`}
              >
                {value || '—'}
              </span>
            ) : field.options ? (
              <select
                id={id}
                aria-label={label}
                aria-invalid={messages ? true : undefined}
                aria-describedby={messages ? `${id}-err` : undefined}
                {...register(`rows.${index}.values.${j}`, { onChange: markSelected })}
                className={`${messages ? badCell : okCell} bg-white`}
              >
                <option value="">（空）</option>
                {/* Keep an invalid original visible instead of silently switching to the first option. */}
                {value && !field.options.some((o) => o.code === value) && (
                  <option value={value}>{value}（不在代码表中）</option>
                )}
                {field.options.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.code} {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type="text"
                aria-label={label}
                aria-invalid={messages ? true : undefined}
                aria-describedby={messages ? `${id}-err` : undefined}
                {...register(`rows.${index}.values.${j}`, { onChange: markSelected })}
                className={messages ? badCell : okCell}
              />
            )}
            {messages && (
              <p id={`${id}-err`} className="mt-1 text-xs text-red-600" data-testid="cell-problem">
                {messages.join('；')}
              </p>
            )}
          </td>
        );
      })}
    </tr>
  );
}
