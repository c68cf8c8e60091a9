import Link from 'next/link';

/** The 403 message of a staff page: rendered inside the shell, so the user can navigate away. */
export function Forbidden({ message = '您没有访问此页面的权限。' }: { message?: string }) {
  return (
    <section
      data-testid="forbidden"
      aria-labelledby="forbidden-title"
      className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm"
    >
      <p className="text-4xl font-semibold text-slate-300">403</p>
      <h1 id="forbidden-title" className="mt-2 text-lg font-semibold text-slate-900">
        无权访问
      </h1>
      <p className="mt-2 text-sm text-slate-600">{message}如需开通，请联系本单位的安全管理员。</p>
      <Link href="/" className="mt-6 inline-block text-sm text-blue-700 underline-offset-4 hover:underline">
        返回首页
      </Link>
    </section>
  );
}
