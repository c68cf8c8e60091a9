import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/app/_components/Badge';
import { DetailItem } from '@/app/_components/DetailItem';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { formatDateTime } from '@/app/_lib/format';
import { SUSPECT_STATUS } from '@/app/_lib/labels';
import { isUuid } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { NotFoundError } from '@/lib/errors';
import { HIDDEN_REASON_LABEL } from '@/lib/publication/rule';
import { getRecordTimeline } from '@/lib/records/timeline';
import { SendFeedback } from './SendFeedback';
import { SubjectRestriction } from './SubjectRestriction';
import { Card, TimelineList } from './TraceParts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '记录追溯' };

async function load(...args: Parameters<typeof getRecordTimeline>) {
  try {
    return await getRecordTimeline(...args);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

/** One record's whole trace: source file, batch, row, catalog version, revisions, fixes, feedback. */
export default async function RecordTracePage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await staffPage();
  // Departments trace their own records from their batches (batch:view); the record query grants it too.
  if (!user.permissions.has('record:view') && !user.permissions.has('batch:view')) return <Forbidden />;
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const t = await load(user, id, await clientIp());
  const { record: r, source } = t;
  const openFeedback = t.feedback.find((f) => f.caseStatus !== 'CLOSED');

  return (
    <div className="space-y-5">
      <div>
        <Link href={`/batches/${source.batchId}`} className="text-sm text-blue-700 hover:underline">
          ← 返回批次 {source.batchNumber}
        </Link>
        <h1 className="mt-2 flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900">
          <span data-testid="record-title">
            {r.catalogName}：{r.subjectName ?? '—'}
          </span>
          <Badge tone="slate">第 {r.revision} 版</Badge>
          {r.reportedLate && (
            <Badge tone="red" testId="badge-late">
              逾期上报
            </Badge>
          )}
          {r.controlled && (
            <Badge tone="amber" testId="badge-controlled">
              受控信息
            </Badge>
          )}
        </h1>
      </div>

      <dl
        className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-2"
        data-testid="record-source"
      >
        <DetailItem label="来源文件">
          {source.file ? (
            <>
              <span data-testid="source-file">{source.file.originalName}</span>
              <span
                className="ml-2 font-mono text-xs text-slate-500"
                data-testid="source-sha256"
                title={source.file.sha256}
              >
                SHA-256 {source.file.sha256}
              </span>
            </>
          ) : (
            '—'
          )}
        </DetailItem>
        <DetailItem label="批次">
          <Link
            href={`/batches/${source.batchId}`}
            className="text-blue-700 tabular-nums hover:underline"
            data-testid="source-batch"
          >
            {source.batchNumber}
          </Link>
          <span className="ml-2 text-slate-500">
            第 <span data-testid="source-row">{r.rowNumber}</span> 行
          </span>
        </DetailItem>
        <DetailItem label="目录版本">
          <span data-testid="source-version">第 {r.catalogVersion} 版</span>
        </DetailItem>
        <DetailItem label="提供部门">{r.providerDeptName}</DetailItem>
        <DetailItem label="上报时间">{formatDateTime(source.uploadedAt)}</DetailItem>
        <DetailItem label="时效">
          <span data-testid="record-timeliness">
            决定日期 {r.decisionDate?.toISOString().slice(0, 10) ?? '—'}
            {r.timelinessWorkdays
              ? r.reportedLate
                ? `，超过 ${r.timelinessWorkdays} 个工作日上报（逾期）`
                : `，在 ${r.timelinessWorkdays} 个工作日内上报`
              : ''}
          </span>
        </DetailItem>
        <DetailItem label="公示">
          <span data-testid="record-publicity">
            {r.publicityStart
              ? `公示期 ${day(r.publicityStart)} 至 ${r.publicityEnd ? day(r.publicityEnd) : '长期'}`
              : '不公示'}
            {r.hiddenReasons.length
              ? `；网站当前不显示（${r.hiddenReasons.map((x) => HIDDEN_REASON_LABEL[x]).join('、')}）`
              : '；网站当前公示中'}
          </span>
        </DetailItem>
      </dl>

      {r.subjectId && user.permissions.has('subject:restrict') && (
        <SubjectRestriction
          subjectId={r.subjectId}
          subjectName={r.subjectName ?? ''}
          restricted={r.subjectRestricted}
          reason={r.subjectRestrictedReason}
        />
      )}

      <Panel title="当前内容" titleId="values-title" padding="p-5">
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="record-values">
          {t.fields.map((f) => (
            <div key={f.key} className="flex gap-3" data-field={f.key}>
              <dt className="w-36 shrink-0 text-slate-500">{f.label}</dt>
              <dd className="min-w-0 break-all text-slate-800">{t.values[f.key] || '—'}</dd>
            </div>
          ))}
        </dl>
      </Panel>

      {(t.revisions.length > 0 || t.suspects.length > 0 || t.feedback.length > 0) && (
        <section className="grid gap-4 lg:grid-cols-3">
          <Card title="历次版本" testId="record-revisions" empty={t.revisions.length === 0}>
            {t.revisions.map((v) => (
              <li key={v.revision}>
                第 {v.revision} 版：批次{' '}
                <Link href={`/batches/${v.batchId}`} className="text-blue-700 hover:underline">
                  {v.batchNumber}
                </Link>{' '}
                第 {v.rowNumber} 行，目录第 {v.catalogVersion} 版，{formatDateTime(v.createdAt)} 被取代
              </li>
            ))}
          </Card>
          <Card title="置疑与修复" testId="record-suspects" empty={t.suspects.length === 0}>
            {t.suspects.map((s) => (
              <li key={s.id}>
                原始第 {s.rowNumber} 行：{SUSPECT_STATUS[s.status] ?? s.status}，提交修复 {s.round} 次
                {s.explanation && <span className="block text-slate-600">部门说明：{s.explanation}</span>}
              </li>
            ))}
          </Card>
          <Card title="中心反馈" testId="record-feedback" empty={t.feedback.length === 0}>
            {t.feedback.map((f) => (
              <li key={f.caseId}>
                {f.number}（{f.caseStatus === 'CLOSED' ? '已办结' : '办理中'}）：{f.reason}
                {f.explanation && <span className="block text-slate-600">部门说明：{f.explanation}</span>}
              </li>
            ))}
          </Card>
        </section>
      )}

      {user.permissions.has('data:review') && !openFeedback && <SendFeedback recordId={r.id} />}

      <TimelineList entries={t.entries} />
    </div>
  );
}

const day = (d: Date) => d.toISOString().slice(0, 10);
