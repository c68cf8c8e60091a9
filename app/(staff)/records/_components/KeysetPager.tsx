import Link from 'next/link';

// Keyset paging (CONTRACTS.md): first page, previous and next by cursor — no page numbers, because counting
// pages would cost what the cursor saves.
const linkClass = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50';
const disabledClass = 'rounded border border-slate-200 px-3 py-1.5 text-sm text-slate-400';

function href(basePath: string, params: Record<string, string | undefined>, cursor?: Record<string, string>) {
  const kept = Object.entries(params).filter((e): e is [string, string] => !!e[1]);
  const qs = new URLSearchParams([...kept, ...Object.entries(cursor ?? {})]).toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

export function KeysetPager({
  basePath,
  params,
  prev,
  next,
  total,
  shown,
}: {
  basePath: string;
  /** Filters to keep; cursors are added here. */
  params: Record<string, string | undefined>;
  prev: string | null;
  next: string | null;
  /** Counted on the first page only. */
  total: number | null;
  shown: number;
}) {
  const cell = (label: string, cursor: Record<string, string> | null, testId: string) =>
    cursor ? (
      <Link href={href(basePath, params, cursor)} className={linkClass} data-testid={testId}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={disabledClass} data-testid={testId}>
        {label}
      </span>
    );
  return (
    <nav aria-label="分页" className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm text-slate-600">
      <span data-testid="pagination-status">
        {total !== null ? `共 ${total} 条，本页 ${shown} 条` : `本页 ${shown} 条`}
      </span>
      <div className="flex flex-wrap gap-2">
        {cell('第一页', prev ? {} : null, 'pagination-first')}
        {cell('上一页', prev ? { before: prev } : null, 'pagination-prev')}
        {cell('下一页', next ? { after: next } : null, 'pagination-next')}
      </div>
    </nav>
  );
}
