import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge, type Tone } from '@/app/_components/Badge';
import { Panel } from '@/app/_components/Panel';
import { formatDateTime } from '@/app/_lib/format';
import type { TimelineEntry } from '@/lib/records/timeline';

const SOURCE: Record<TimelineEntry['source'], { label: string; tone: Tone }> = {
  batch: { label: '批次', tone: 'blue' },
  fix: { label: '置疑修复', tone: 'amber' },
  revision: { label: '版本', tone: 'green' },
  task: { label: '待办', tone: 'slate' },
  feedback: { label: '中心反馈', tone: 'red' },
  audit: { label: '访问', tone: 'slate' },
  record: { label: '公示', tone: 'amber' },
};

/** Every step of a record's life in time order, each with its source and who did it. */
export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  return (
    <Panel title="全程追溯" titleId="timeline-title" padding="p-5">
      <ol className="mt-3 space-y-2 text-sm" data-testid="record-timeline">
        {entries.map((e, i) => (
          <li
            key={i}
            className="flex flex-wrap items-baseline gap-2"
            data-testid="timeline-entry"
            data-source={e.source}
            data-kind={e.kind}
          >
            <span className="w-36 shrink-0 tabular-nums text-slate-500">{formatDateTime(e.at)}</span>
            <Badge tone={SOURCE[e.source].tone}>{SOURCE[e.source].label}</Badge>
            <span className="min-w-0 flex-1 text-slate-800">
              {e.href ? (
                <Link href={e.href} className="hover:underline">
                  {e.message}
                </Link>
              ) : (
                e.message
              )}
            </span>
            {e.actorName && <span className="text-slate-500">{e.actorName}</span>}
          </li>
        ))}
      </ol>
    </Panel>
  );
}

export function Card({
  title,
  testId,
  empty,
  children,
}: {
  title: string;
  testId: string;
  empty: boolean;
  children: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid={testId}>
      <h2 className="font-medium text-slate-900">{title}</h2>
      {empty ? (
        <p className="mt-2 text-slate-500">无</p>
      ) : (
        <ul className="mt-2 space-y-2 text-slate-700">{children}</ul>
      )}
    </div>
  );
}
