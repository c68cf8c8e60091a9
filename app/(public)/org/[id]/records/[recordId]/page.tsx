import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/errors';
import { admitPublicQuery } from '@/lib/public/guard';
import { getPublicRecord } from '@/lib/public/profile';

export const metadata: Metadata = { title: '公示信息详情 - 信用武陟' };

// One public record in full: every field classified public, personal values masked; not public today → 404.
export default async function RecordPage({ params }: { params: Promise<{ id: string; recordId: string }> }) {
  const { id, recordId } = await params;
  const verdict = await admitPublicQuery('RECORD');
  if (!verdict.ok) {
    return (
      <p
        role="alert"
        className="mx-auto mt-8 max-w-3xl rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900"
      >
        {verdict.message}
      </p>
    );
  }
  let record: Awaited<ReturnType<typeof getPublicRecord>>;
  try {
    record = await getPublicRecord(id, recordId);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  return (
    <div className="mx-auto max-w-3xl px-4 py-6 sm:px-6">
      <nav aria-label="位置" className="text-sm text-slate-600">
        <Link href={`/org/${id}`} className="text-blue-800 underline underline-offset-2">
          {record.subjectName}
        </Link>
        <span aria-hidden="true"> / </span>
        {record.catalogName}
      </nav>
      <article className="mt-3 rounded-lg border border-slate-200 bg-white p-5">
        <h1 className="text-lg font-semibold text-slate-900" data-testid="record-title">
          {record.title}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {record.catalogName} · 公示期至 {record.publicityEnd ?? '长期'}
        </p>
        <dl className="mt-4 divide-y divide-slate-100 text-sm" data-testid="record-fields">
          {record.fields.map((f) => (
            <div key={f.key} className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
              <dt className="text-slate-600">{f.label}</dt>
              <dd className="break-words whitespace-pre-wrap text-slate-900">{f.value}</dd>
            </div>
          ))}
        </dl>
      </article>
    </div>
  );
}
