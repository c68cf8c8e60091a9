import { LatestArticles } from './_components/LatestArticles';
import Link from 'next/link';
import { publicTotals } from '@/lib/public/totals';
import { SearchBox } from './search/_components/SearchBox';

// Always current: the totals follow the publication rule of today.
export const dynamic = 'force-dynamic';

// Services with a page today link to it; the rest say plainly when they come, with no sample data.
const SERVICES: { title: string; text: string; href?: string }[] = [
  { title: '双公示', text: '行政许可、行政处罚信息公示，可按部门、日期和类别查询。', href: '/publicity' },
  { title: '个人信用信息查询', text: '凭姓名和身份证号一并查询依法公示的个人信用信息。', href: '/person' },
  { title: '信用承诺', text: '市场主体作出的信用承诺及其履行情况公示。' },
  { title: '异议与信用修复', text: '对公示信息提出异议，或在整改后申请信用修复，并凭受理编号查询进度。' },
  { title: '红名单', text: '公布守信激励对象名单。' },
  { title: '黑名单', text: '公布依法认定的严重失信主体名单及联合惩戒措施。' },
];

export default async function HomePage() {
  const totals = await publicTotals();
  const figures = [
    { label: '收录市场主体', value: totals.organisations, unit: '户', testId: 'total-orgs' },
    { label: '公示中的行政许可', value: totals.licences, unit: '条', testId: 'total-licences' },
    { label: '公示中的行政处罚', value: totals.penalties, unit: '条', testId: 'total-penalties' },
  ];
  return (
    <>
      <section className="border-b border-slate-200 bg-gradient-to-b from-blue-50 to-white">
        <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6 sm:py-12">
          <h1 className="text-2xl font-semibold text-slate-900 sm:text-3xl">武陟县公共信用信息查询</h1>
          <p className="mt-2 max-w-2xl text-sm leading-relaxed text-slate-700 sm:text-base">
            查询本县企业、个体工商户及其他组织依法公示的行政许可、行政处罚等信用信息。
          </p>
          <div className="mt-5 max-w-3xl">
            <SearchBox large />
          </div>
          <p className="mt-2 text-xs text-slate-600">
            示例：输入字号中的一两个字即可查询；按个人查询请前往
            <Link href="/person" className="text-blue-800 underline underline-offset-2">
              个人信用信息查询
            </Link>
            。
          </p>
        </div>
      </section>

      <section aria-labelledby="totals-title" className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
        <h2 id="totals-title" className="text-lg font-semibold text-slate-900">
          信息公示统计
        </h2>
        <ul className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
          {figures.map((f) => (
            <li key={f.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <p className="text-sm text-slate-600">{f.label}</p>
              <p className="mt-1 text-2xl font-semibold text-blue-900" data-testid={f.testId}>
                {f.value.toLocaleString('zh-CN')}
                <span className="ml-1 text-sm font-normal text-slate-600">{f.unit}</span>
              </p>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600">统计截至 {totals.day}，仅计公示期内的信息。</p>
      </section>

      <div className="mx-auto max-w-5xl px-4 pb-8 sm:px-6">
        <LatestArticles />
      </div>

      <section aria-labelledby="services-title" className="mx-auto max-w-5xl px-4 pb-10 sm:px-6">
        <h2 id="services-title" className="text-lg font-semibold text-slate-900">
          公众服务
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {SERVICES.map((s) => (
            <li
              key={s.title}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-testid="service-card"
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="font-medium text-slate-900">
                  {s.href ? (
                    <Link
                      href={s.href}
                      className="text-blue-900 hover:underline focus-visible:outline-2 focus-visible:outline-blue-800"
                    >
                      {s.title}
                    </Link>
                  ) : (
                    s.title
                  )}
                </h3>
                {!s.href && <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">即将开放</span>}
              </div>
              <p className="mt-2 text-sm leading-relaxed text-slate-600">{s.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
