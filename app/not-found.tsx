import Link from 'next/link';

// A <div>, not <main>: notFound() inside the staff shell renders this within the shell's own <main>.

export default function NotFound() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-6 text-center">
      <p className="text-5xl font-semibold text-slate-300">404</p>
      <h1 className="text-xl font-semibold text-slate-900" data-testid="not-found">
        页面不存在或无权查看
      </h1>
      <p className="text-sm text-slate-600">您访问的页面可能已被移除，或者链接有误。</p>
      <div className="flex gap-4 text-sm">
        <Link href="/" className="text-blue-700 underline-offset-4 hover:underline">
          返回首页
        </Link>
        <Link href="/inbox" className="text-blue-700 underline-offset-4 hover:underline">
          进入工作台
        </Link>
      </div>
    </div>
  );
}
