import type { Metadata } from 'next';
import { PersonQueryForm } from './PersonQueryForm';

export const metadata: Metadata = { title: '个人信用信息查询 - 信用武陟' };

// Person query: name and 身份证号 together. The form posts JSON, so the number never enters an address,
// a server log line or the browser history.
export default function PersonPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-6 sm:px-6">
      <h1 className="text-xl font-semibold text-slate-900">个人信用信息查询</h1>
      <p className="mt-1 text-sm leading-relaxed text-slate-600">
        请同时输入姓名和身份证号。本查询只显示依法公示的信息；个人的完整信用记录请登录个人中心查询本人信息。
      </p>
      <PersonQueryForm />
    </div>
  );
}
