'use client';

import { DataTable, TableCard, Th } from '@/app/_components/DataTable';
import { maskPersonal } from '@/lib/crypto/mask';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';

export interface SessionRow {
  id: string;
  values: RowValues;
}

/** The rows entered in this session, waiting for 提交; personal values shown masked. */
export function SessionRows({
  def,
  rows,
  problems,
  onEdit,
  onRemove,
}: {
  def: CatalogDef;
  rows: SessionRow[];
  /** The server's reasons per row id, after a refused submission. */
  problems: Map<string, Problem[]>;
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
}) {
  if (rows.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-500">
        尚未录入数据。填写上方表单后点击“加入列表”，可连续录入多行，最后一并提交。
      </p>
    );
  // The required fields say what a row is; showing all 30 columns would hide that.
  const shown = def.fields.filter((f) => f.required).slice(0, 5);
  const display = (key: string, value: string | undefined) => {
    const field = def.fields.find((f) => f.key === key)!;
    if (!value) return '—';
    if (field.personal) return maskPersonal(field.type, value);
    const item = field.codeTable ? def.codeTables[field.codeTable]?.items.find((i) => i.code === value) : undefined;
    return item ? `${item.code} ${item.label}` : value;
  };
  return (
    <TableCard>
      <DataTable
        testId="entry-rows"
        head={
          <>
            <Th compact>序号</Th>
            {shown.map((f) => (
              <Th key={f.key} compact>
                {f.label}
              </Th>
            ))}
            <Th compact>操作</Th>
          </>
        }
      >
        {rows.map((row, i) => {
          const rowProblems = problems.get(row.id);
          return (
            <tr key={row.id} data-testid="entry-row" className={rowProblems ? 'bg-red-50/60' : undefined}>
              <td className="px-3 py-2 align-top tabular-nums text-slate-700">{i + 1}</td>
              {shown.map((f) => (
                <td
                  key={f.key}
                  className="max-w-64 truncate px-3 py-2 align-top"
                  title={display(f.key, row.values[f.key])}
                >
                  {display(f.key, row.values[f.key])}
                </td>
              ))}
              <td className="px-3 py-2 align-top whitespace-nowrap">
                <button type="button" onClick={() => onEdit(row.id)} className="text-blue-700 hover:underline">
                  修改
                </button>
                <button type="button" onClick={() => onRemove(row.id)} className="ml-3 text-red-700 hover:underline">
                  删除
                </button>
                {rowProblems && (
                  <ul className="mt-1 text-xs text-red-700" data-testid="entry-row-problems">
                    {rowProblems.map((p, k) => (
                      <li key={k}>{p.message}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </TableCard>
  );
}
