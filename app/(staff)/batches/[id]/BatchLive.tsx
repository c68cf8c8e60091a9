'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Badge } from '@/app/_components/Badge';
import { Panel } from '@/app/_components/Panel';
import { callApi } from '@/app/_lib/api-client';
import { formatCount, formatDateTime } from '@/app/_lib/format';
import { ACTIVE_BATCH_STATUSES, batchStatus } from '@/app/_lib/labels';
import { ImportRate } from './ImportRate';

interface BatchEventView {
  at: string;
  kind: string;
  message: string;
  actorName: string | null;
}

/** The shape GET /api/batches/[id] answers with (the fields this view uses). */
export interface BatchProgress {
  status: string;
  rowsRead: number;
  rowsStored: number;
  rowsUpdated: number;
  rowsDuplicate: number;
  rowsSuspect: number;
  rowsFixed: number;
  error: string | null;
  events: BatchEventView[];
  /** When processing started and how many rows to expect (null: unknown), for rate and time left. */
  startedAt: string | null;
  expectedRows: number | null;
}

const POLL_MS = 1500;

const COUNTS: { key: keyof BatchProgress & `rows${string}`; label: string }[] = [
  { key: 'rowsRead', label: '读取' },
  { key: 'rowsStored', label: '入库' },
  { key: 'rowsUpdated', label: '更新' },
  { key: 'rowsDuplicate', label: '重复' },
  { key: 'rowsSuspect', label: '置疑' },
  { key: 'rowsFixed', label: '已修复' },
];

function isProgress(v: unknown): v is BatchProgress {
  return !!v && typeof v === 'object' && 'status' in v && 'events' in v && Array.isArray(v.events);
}

/**
 * Status, counts and history of a batch, polled while the import workflow can still change them. When the
 * status changes, the server part of the page (tasks, header) is refreshed too.
 */
export function BatchLive({ batchId, initial }: { batchId: string; initial: BatchProgress }) {
  const router = useRouter();
  const [data, setData] = useState(initial);
  const [stale, setStale] = useState(false);
  const lastStatus = useRef(initial.status);
  const active = ACTIVE_BATCH_STATUSES.includes(data.status);

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      // Don't load the server for a tab nobody is looking at; check again on the next tick.
      if (document.visibilityState !== 'hidden') {
        const res = await callApi(`/api/batches/${batchId}`, { cache: 'no-store', accept: isProgress });
        if (res.status === 401 || res.status === 403 || res.status === 404) {
          setStale(true);
          return; // polling cannot recover from these: stop
        }
        if (res.ok && !stopped) {
          setData(res.data);
          setStale(false);
          if (res.data.status !== lastStatus.current) {
            lastStatus.current = res.data.status;
            router.refresh();
          }
        } else setStale(true);
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, batchId, router]);

  const status = batchStatus(data.status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm text-slate-600">状态</span>
        <span data-testid="batch-status" data-status={data.status}>
          <Badge tone={status.tone}>{status.label}</Badge>
        </span>
        {stale && (
          <span className="text-xs text-amber-700" data-testid="batch-stale">
            暂时无法获取最新进度，显示的可能不是最新数据
          </span>
        )}
      </div>

      <Progress data={data} />

      {data.status === 'FAILED' && data.error && (
        <p role="alert" data-testid="batch-error" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-700">
          处理失败：{data.error}
        </p>
      )}

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {COUNTS.map((c) => (
          <div key={c.key} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs text-slate-500">{c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`count-${c.key}`}>
              {formatCount(data[c.key])}
            </dd>
          </div>
        ))}
      </dl>

      <Panel title="批次历史" titleId="history-title" padding="p-5">
        {data.events.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">暂无记录。</p>
        ) : (
          <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4" data-testid="batch-history">
            {data.events.map((e, i) => (
              <li key={`${e.at}-${i}`} className="relative text-sm" data-testid="batch-event" data-kind={e.kind}>
                <span aria-hidden className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-blue-600" />
                <p className="text-slate-800">{e.message}</p>
                <p className="text-xs text-slate-500">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  {e.actorName && <span className="ml-2">{e.actorName}</span>}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}

function Progress({ data }: { data: BatchProgress }) {
  if (data.status === 'RECEIVED' || data.status === 'PROCESSING') {
    return (
      <ImportRate
        status={data.status}
        rowsRead={data.rowsRead}
        startedAt={data.startedAt ?? null}
        expectedRows={data.expectedRows ?? null}
      />
    );
  }
  if (data.status === 'RETURNED' && data.rowsSuspect > 0) {
    const percent = Math.min(100, Math.round((data.rowsFixed / data.rowsSuspect) * 100));
    return (
      <div data-testid="batch-progress">
        <div
          role="progressbar"
          aria-label="置疑数据修复进度"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-2 overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full bg-amber-500 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-1 text-xs text-slate-600" aria-live="polite">
          置疑数据已退回提供部门修复：已修复 {formatCount(data.rowsFixed)} / {formatCount(data.rowsSuspect)} 条
        </p>
      </div>
    );
  }
  return null;
}
