import type { Metadata } from 'next';
import { Forbidden } from '@/app/_components/Forbidden';
import { staffPage } from '@/app/_lib/session';
import { pendingRepresentations } from '@/lib/public-accounts/representation';
import { DecideForm } from './DecideForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '代表组织确认' };

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

/**
 * Declarations by public account holders that they represent an organisation, not confirmed automatically (the
 * platform does not hold them as its legal representative): staff check the papers and confirm or reject.
 */
export default async function RepresentativesPage() {
  const { allowed } = await staffPage('subject:confirm-representative');
  if (!allowed) return <Forbidden />;
  const rows = await pendingRepresentations();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">代表组织确认</h1>
        <p className="mt-1 text-sm text-slate-600">
          公众账号申请代表以下组织查询其完整信用记录。请核实授权材料后确认；不符合的请填写理由驳回。
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">暂无待确认的申请。</p>
      ) : (
        <ul className="space-y-3">
          {rows.map((r) => (
            <li
              key={r.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-testid="representation-item"
            >
              <p className="font-medium text-slate-900">{r.org.name}</p>
              <p className="mt-1 text-sm text-slate-600">
                统一社会信用代码 {r.org.uscc} · 申请人 {r.account.name} · 申请时间 {dateFormat.format(r.createdAt)}
              </p>
              <DecideForm id={r.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
