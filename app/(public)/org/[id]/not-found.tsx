import Link from 'next/link';

// An organisation id that does not exist, a person's id, or a record no longer public: one plain answer.
export default function OrgNotFound() {
  return (
    <div className="mx-auto flex min-h-[50vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-xl font-semibold text-slate-900" data-testid="not-found">
        未找到相关信息
      </h1>
      <p className="text-sm text-slate-600">
        您要查看的主体或公示信息不存在，或已不在公示期内。请核对链接，或重新查询。
      </p>
      <div className="flex gap-4 text-sm">
        <Link href="/search" className="text-blue-800 underline underline-offset-4">
          重新查询
        </Link>
        <Link href="/" className="text-blue-800 underline underline-offset-4">
          返回首页
        </Link>
      </div>
    </div>
  );
}
