import type { Metadata } from 'next';
import { REPORT_NUMBER_PATTERN } from '@/lib/report/number';
import { VerifyForm } from './VerifyForm';

export const metadata: Metadata = { title: '信用报告核验 · 信用武陟' };

// 报告核验: anyone enters the number and check code printed on a credit report and sees whether it is genuine
// and what it said. The QR code on the report opens this page with the number filled in (?number=…); the check
// code is never in a URL.
export default async function ReportVerifyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).number;
  const number =
    typeof raw === 'string' && REPORT_NUMBER_PATTERN.test(raw.trim().toUpperCase()) ? raw.trim().toUpperCase() : '';
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold text-slate-900">信用报告核验</h1>
      <p className="mt-2 text-sm leading-relaxed text-slate-600">
        请输入信用报告首页上的报告编号和校验码，核验报告是否由本平台出具，并查看报告出具时的内容摘要。
        扫描报告上的二维码可自动填入报告编号。
      </p>
      <VerifyForm initialNumber={number} />
    </div>
  );
}
