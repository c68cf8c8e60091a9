import Link from 'next/link';

interface Props {
  page: number;
  pages: number;
  total: number;
  basePath: string;
  /** Other search params to keep (e.g. the inbox view). */
  params?: Record<string, string>;
}

function href(basePath: string, params: Record<string, string>, page: number): string {
  const qs = new URLSearchParams({ ...params, ...(page > 1 ? { page: String(page) } : {}) }).toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

const linkClass = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50';
const disabledClass = 'rounded border border-slate-200 px-3 py-1.5 text-sm text-slate-400';

export function Pagination({ page, pages, total, basePath, params = {} }: Props) {
  return (
    <nav aria-label="分页" className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm text-slate-600">
      <span data-testid="pagination-status">
        共 {total} 条，第 {Math.min(page, pages)} / {pages} 页
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link
            href={href(basePath, params, Math.min(page - 1, pages))}
            className={linkClass}
            data-testid="pagination-prev"
          >
            上一页
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass} data-testid="pagination-prev">
            上一页
          </span>
        )}
        {page < pages ? (
          <Link href={href(basePath, params, page + 1)} className={linkClass} data-testid="pagination-next">
            下一页
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClass} data-testid="pagination-next">
            下一页
          </span>
        )}
      </div>
    </nav>
  );
}
