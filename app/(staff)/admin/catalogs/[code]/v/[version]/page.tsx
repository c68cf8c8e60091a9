import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/app/_components/Badge';
import { Forbidden } from '@/app/_components/Forbidden';
import { formatDateTime } from '@/app/_lib/format';
import { catalogChoices, getCatalog } from '@/lib/catalog/admin/catalogs';
import { VERSION_STATUS_LABEL } from '@/lib/catalog/admin/labels';
import { getVersion } from '@/lib/catalog/admin/versions';
import { NotFoundError } from '@/lib/errors';
import { adminPage } from '../../../../_lib/admin-page';
import { NewVersionButton } from '../../NewVersionButton';
import { VersionEditor } from './VersionEditor';
import { VersionView } from './VersionView';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '目录版本' };

/** One version: the editor while it is a draft, a read-only view once published. */
export default async function VersionPage({ params }: { params: Promise<{ code: string; version: string }> }) {
  const { user, ctx, allowed } = await adminPage('catalog:manage');
  if (!allowed) return <Forbidden />;
  const { code, version: raw } = await params;
  const number = Number(raw);
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(code) || !Number.isInteger(number) || number < 1) notFound();
  const [version, catalog, choices] = await Promise.all([
    getVersion(ctx, code, number),
    getCatalog(ctx, code),
    catalogChoices(ctx),
  ]).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const manage = user.permissions.has('catalog:manage');
  const hasDraft = catalog.versions.some((v) => v.status === 'DRAFT');

  return (
    <div className="space-y-5">
      <Link href={`/admin/catalogs/${code}`} className="text-sm text-blue-700 hover:underline">
        ← 返回{catalog.name}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold text-slate-900">
          {catalog.name} · 第 {version.version} 版
        </h1>
        <span data-testid="version-status" data-status={version.status}>
          <Badge tone={version.status === 'DRAFT' ? 'amber' : version.status === 'PUBLISHED' ? 'green' : 'slate'}>
            {VERSION_STATUS_LABEL[version.status]}
          </Badge>
        </span>
        {version.publishedAt && (
          <span className="text-sm text-slate-500">发布于 {formatDateTime(version.publishedAt)}</span>
        )}
        {manage && version.status !== 'DRAFT' && !hasDraft && (
          <NewVersionButton code={code} fromVersion={version.version} />
        )}
      </div>
      <p className="text-sm text-slate-600">
        代码字段的取值来自
        <Link href="/admin/dictionary" className="mx-1 text-blue-700 hover:underline">
          数据字典
        </Link>
        ；字典项的增改不需要新建目录版本。
      </p>
      {version.status === 'DRAFT' && manage ? (
        <VersionEditor code={code} version={version.version} draft={version.draft} codeTables={choices.codeTables} />
      ) : (
        <VersionView draft={version.draft} codeTables={new Map(choices.codeTables.map((t) => [t.code, t.name]))} />
      )}
    </div>
  );
}
