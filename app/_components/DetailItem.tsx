import type { ReactNode } from 'react';

/** One label/value pair of a detail header (<dl> grid). */
export function DetailItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-3">
      <dt className="w-16 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 break-all text-slate-800">{children}</dd>
    </div>
  );
}
