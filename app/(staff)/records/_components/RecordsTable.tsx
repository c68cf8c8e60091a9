import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard, Th } from '@/app/_components/DataTable';
import { formatDateTime } from '@/app/_lib/format';
import type { ScopedRecord } from '@/lib/records/scoped-records';

/**
 * Credit records as staff see them: the providing department, the granted columns (personal
 * ones masked; 无权查看 outside a shared record's grant) and whether the record is on the public site — or
 * why not (公示期满, 已撤销, 已信用修复, 受控 …, from the publication rule).
 */
export function RecordsTable({
  columns,
  rows,
  caption,
  showSubject = true,
}: {
  columns: { key: string; label: string }[];
  rows: ScopedRecord[];
  caption: string;
  showSubject?: boolean;
}) {
  return (
    <TableCard>
      <DataTable
        testId="records-table"
        caption={caption}
        head={
          <>
            <Th compact nowrap>
              提供部门
            </Th>
            <Th compact nowrap>
              公示状态
            </Th>
            {showSubject && (
              <Th compact nowrap>
                主体
              </Th>
            )}
            {columns.map((c) => (
              <Th key={c.key} data-testid="record-col" data-field={c.key} compact nowrap>
                {c.label}
              </Th>
            ))}
            <Th compact nowrap>
              入库时间
            </Th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={r.id} data-testid="record-row" data-record-id={r.id}>
            <td className="px-3 py-2 whitespace-nowrap text-slate-600" data-testid="record-provider">
              {r.providerDeptName}
            </td>
            <td className="px-3 py-2" data-testid="record-status">
              {r.published ? (
                <Badge tone="green">公示中</Badge>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {r.hidden.map((h) => (
                    <Badge key={h.code} tone={h.code === 'SUBJECT_RESTRICTED' ? 'red' : 'slate'} testId="record-hidden">
                      {h.label}
                    </Badge>
                  ))}
                </span>
              )}
            </td>
            {showSubject && (
              <td className="px-3 py-2 whitespace-nowrap">
                {r.subjectId ? (
                  <Link href={`/subjects/${r.subjectId}`} className="text-blue-800 underline-offset-2 hover:underline">
                    查看主体
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            )}
            {columns.map((c) => (
              <td key={c.key} data-field={c.key} className="max-w-64 truncate px-3 py-2" title={r.values[c.key]}>
                {c.key in r.values ? r.values[c.key] || '—' : <span className="text-slate-500">无权查看</span>}
              </td>
            ))}
            <td className="px-3 py-2 whitespace-nowrap text-slate-600 tabular-nums">
              <Link href={`/records/${r.id}`} className="underline-offset-2 hover:underline" title="查看记录详情">
                {formatDateTime(r.createdAt)}
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>
    </TableCard>
  );
}
