// The public site's services are built in later phases: each is announced, never filled with sample data.
const SECTIONS = [
  { title: '信用信息查询', text: '查询本县企业、个体工商户及其他组织的公共信用信息。' },
  { title: '双公示', text: '公示行政许可、行政处罚信息，接受社会监督。' },
  { title: '失信黑名单', text: '公布依法认定的严重失信主体名单及联合惩戒措施。' },
  { title: '异议与信用修复', text: '对公示信息提出异议，或在整改后申请信用修复，并凭受理编号查询进度。' },
];

export default function HomePage() {
  return (
    <>
      <section className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-6 py-12">
          <h1 className="text-3xl font-semibold text-slate-900">武陟县公共信用信息平台</h1>
          <p className="mt-4 max-w-2xl leading-relaxed text-slate-600">
            信用武陟是武陟县归集、管理和公开公共信用信息的平台。各部门依法报送的信用信息在此汇集、校验和共享，
            面向社会提供信用查询、信息公示、异议处理与信用修复等服务。
          </p>
        </div>
      </section>

      <section aria-labelledby="services-title" className="mx-auto max-w-5xl px-6 py-10">
        <h2 id="services-title" className="text-lg font-semibold text-slate-900">
          公众服务
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {SECTIONS.map((s) => (
            <li
              key={s.title}
              className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="service-card"
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="font-medium text-slate-900">{s.title}</h3>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">即将开放</span>
              </div>
              <p className="mt-2 text-sm leading-relaxed text-slate-600">{s.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
