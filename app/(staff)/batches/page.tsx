import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard, Th } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Pagination } from '@/app/_components/Pagination';
import { formatCount, formatDateTime } from '@/app/_lib/format';
import { batchStatus } from '@/app/_lib/labels';
import { parsePage, type SearchParams } from '@/app/_lib/params';
import { staffPage } from '@/app/_lib/session';
import { listBatches } from '@/lib/batches/queries';
import { catalogsProvidedBy } from '@/lib/catalog/provided';
import { UploadPanel } from './UploadPanel';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '数据归集' };

const COUNT_COLUMNS = [
  { key: 'rowsRead', label: '读取' },
  { key: 'rowsStored', label: '入库' },
  { key: 'rowsDuplicate', label: '重复' },
  { key: 'rowsSuspect', label: '置疑' },
] as const;

export default async function BatchesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, allowed } = await staffPage('batch:view');
  if (!allowed) return <Forbidden />;
  const page = parsePage((await searchParams).page);
  const canImport = user.permissions.has('data:import');
  const [list, catalogs] = await Promise.all([
    listBatches(user, page),
    // Only catalogs this department is a registered provider of may be uploaded (checked again on POST).
    canImport ? catalogsProvidedBy(user.departmentId) : Promise.resolve([]),
  ]);

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">数据归集</h1>
      {canImport && <UploadPanel catalogs={catalogs} canDownloadTemplate={user.permissions.has('catalog:view')} />}

      {list.rows.length === 0 ? (
        <p
          data-testid="batch-empty"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500"
        >
          暂无归集批次。
        </p>
      ) : (
        <TableCard>
          <DataTable
            testId="batch-table"
            caption="归集批次列表"
            columns={['批次号', '目录', '提供部门', '文件', '状态']}
            head={
              <>
                {COUNT_COLUMNS.map((c) => (
                  <Th key={c.key} compact right>
                    {c.label}
                  </Th>
                ))}
                <Th>上传时间</Th>
              </>
            }
          >
            {list.rows.map((b) => {
              const status = batchStatus(b.status);
              return (
                <tr key={b.id} data-testid="batch-row" data-batch-id={b.id}>
                  <td className="whitespace-nowrap px-4 py-3">
                    <Link href={`/batches/${b.id}`} className="font-medium text-blue-700 tabular-nums hover:underline">
                      {b.number}
                    </Link>
                  </td>
                  <td className="px-4 py-3">{b.catalogVersion.catalog.name}</td>
                  <td className="px-4 py-3 text-slate-600">{b.providerDept.name}</td>
                  <td className="max-w-56 truncate px-4 py-3 text-slate-600" title={b.file?.originalName}>
                    {b.file?.originalName ?? '—'}
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={status.tone}>{status.label}</Badge>
                  </td>
                  {COUNT_COLUMNS.map((c) => (
                    <td key={c.key} className="px-3 py-3 text-right tabular-nums">
                      {formatCount(b[c.key])}
                    </td>
                  ))}
                  <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-600">
                    {formatDateTime(b.createdAt)}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </TableCard>
      )}
      <Pagination page={list.page} pages={list.pages} total={list.total} basePath="/batches" />
    </div>
  );
}
