import type { Metadata } from 'next';
import { Badge, type Tone } from '@/app/_components/Badge';
import { Forbidden } from '@/app/_components/Forbidden';
import { Pagination } from '@/app/_components/Pagination';
import { clientIp, staffPage } from '@/app/_lib/session';
import type { MailStatus } from '@/lib/db';
import { listMail } from '@/lib/mail/list';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '邮件记录' };

const STATUS: Record<MailStatus, { label: string; tone: Tone }> = {
  PENDING: { label: '发送中', tone: 'slate' },
  SENT: { label: '已发送', tone: 'green' },
  FAILED: { label: '发送失败', tone: 'red' },
};

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** Every mail the platform sent (admin:mail): to whom, what, and whether it went out; a failure shows its reason. */
export default async function MailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { user, allowed } = await staffPage('admin:mail');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const status = sp.status && sp.status in STATUS ? (sp.status as MailStatus) : undefined;
  const page = Math.min(Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1), 100_000);
  const list = await listMail(user, { status, page }, await clientIp());
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">邮件记录</h1>
        <p className="mt-1 text-sm text-slate-600">平台发出的每一封邮件（注册验证码、通知等）及其发送结果。</p>
      </div>
      <nav aria-label="按状态筛选" className="flex flex-wrap gap-2 text-sm">
        {[{ key: '', label: '全部' }, ...Object.entries(STATUS).map(([key, s]) => ({ key, label: s.label }))].map(
          (f) => (
            <a
              key={f.key}
              href={f.key ? `/admin/mail?status=${f.key}` : '/admin/mail'}
              aria-current={(status ?? '') === f.key ? 'page' : undefined}
              className="rounded border border-slate-300 bg-white px-3 py-1 text-slate-700 hover:bg-slate-50 aria-[current=page]:border-blue-700 aria-[current=page]:text-blue-800"
            >
              {f.label}
            </a>
          ),
        )}
      </nav>
      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">暂无邮件。</p>
      ) : (
        <ul className="space-y-2" data-testid="mail-list">
          {list.rows.map((m) => (
            <li
              key={m.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-testid="mail-item"
            >
              <details>
                <summary className="cursor-pointer list-none">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={STATUS[m.status].tone}>{STATUS[m.status].label}</Badge>
                    <span className="font-medium text-slate-900">{m.subject}</span>
                  </div>
                  <div className="mt-1 text-sm text-slate-600">
                    收件人 {m.to} · {timeFormat.format(m.createdAt)} · 尝试 {m.attempts} 次
                  </div>
                  {m.error && <div className="mt-1 text-sm text-red-700">失败原因：{m.error}</div>}
                </summary>
                <pre className="mt-3 whitespace-pre-wrap rounded bg-slate-50 p-3 text-sm text-slate-800">{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={list.page}
        pages={list.pages}
        total={list.total}
        basePath="/admin/mail"
        params={status ? { status } : {}}
      />
    </div>
  );
}
