// The entries of a record's timeline, one kind of source at a time, merged in time order (lib/records/timeline.ts).
import type { FieldDef, RowValues } from '@/lib/catalog/types';
import { changedKeys } from './values';

export interface TimelineEntry {
  at: Date;
  source: 'batch' | 'fix' | 'revision' | 'task' | 'feedback' | 'audit' | 'record';
  kind: string;
  message: string;
  actorName: string | null;
  href?: string;
}

type Actor = { actorName: string | null };
type Event = { at: Date; kind: string; message: string } & Actor;

export interface EntrySources {
  batchEvents: (Event & { batchId: string })[];
  suspects: { rowNumber: number; events: Event[] }[];
  feedbackItems: { feedbackCase: { number: string }; events: Event[] }[];
  /** The record's own events (RecordEvent): 公示期满, withdrawal, repair. */
  recordEvents: Event[];
  /** The record's states, oldest first: each revision, then the current record. */
  states: { revision: number; batchId: string; rowNumber: number; createdAt: Date; values: RowValues }[];
  fields: FieldDef[];
  tasks: {
    id: string;
    title: string;
    createdAt: Date;
    claimedAt: Date | null;
    completedAt: Date | null;
    completedById: string | null;
    assignee: { displayName: string } | null;
  }[];
  audits: { at: Date; module: string; action: string; objectType: string | null; username: string | null }[];
  batchNo: Map<string, string>;
  nameOf: Map<string, string>;
}

export function buildEntries(input: EntrySources): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const e of input.batchEvents)
    entries.push({
      at: e.at,
      source: 'batch',
      kind: e.kind,
      message: `批次 ${input.batchNo.get(e.batchId)}：${e.message}`,
      actorName: e.actorName,
      href: `/batches/${e.batchId}`,
    });
  for (const s of input.suspects)
    for (const e of s.events)
      entries.push({
        at: e.at,
        source: 'fix',
        kind: e.kind,
        message: `置疑数据（第 ${s.rowNumber} 行）：${e.message}`,
        actorName: e.actorName,
      });
  for (const f of input.feedbackItems)
    for (const e of f.events)
      entries.push({
        at: e.at,
        source: 'feedback',
        kind: e.kind,
        message: `中心反馈 ${f.feedbackCase.number}：${e.message}`,
        actorName: e.actorName,
      });
  for (const e of input.recordEvents)
    entries.push({ at: e.at, source: 'record', kind: e.kind, message: e.message, actorName: e.actorName });
  for (let i = 1; i < input.states.length; i++) {
    const prev = input.states[i - 1]!;
    const next = input.states[i]!;
    const labels = changedKeys(prev.values, next.values).map((k) => labelOf(input.fields, k));
    entries.push({
      at: prev.createdAt,
      source: 'revision',
      kind: 'REVISION',
      message: `第 ${prev.revision} 版被第 ${next.revision} 版取代（批次 ${input.batchNo.get(next.batchId) ?? '—'} 第 ${next.rowNumber} 行）：${labels.join('、') || '内容未变'}`,
      actorName: null,
    });
  }
  for (const t of input.tasks) {
    entries.push({
      at: t.createdAt,
      source: 'task',
      kind: 'TASK_OPENED',
      message: `待办“${t.title}”已派发`,
      actorName: null,
      href: `/tasks/${encodeURIComponent(t.id)}`,
    });
    if (t.claimedAt)
      entries.push({
        at: t.claimedAt,
        source: 'task',
        kind: 'TASK_CLAIMED',
        message: `待办“${t.title}”已认领`,
        actorName: t.assignee?.displayName ?? null,
      });
    if (t.completedAt)
      entries.push({
        at: t.completedAt,
        source: 'task',
        kind: 'TASK_COMPLETED',
        message: `待办“${t.title}”已办结`,
        actorName: t.completedById ? (input.nameOf.get(t.completedById) ?? null) : null,
      });
  }
  for (const a of input.audits)
    entries.push({
      at: a.at,
      source: 'audit',
      kind: `${a.module}:${a.action}`,
      message: auditMessage(a.action, a.objectType),
      actorName: a.username,
    });
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  return entries;
}

function labelOf(fields: FieldDef[], key: string): string {
  return fields.find((f) => f.key === key)?.label ?? key;
}

function auditMessage(action: string, objectType: string | null): string {
  const what = objectType === 'FeedbackCase' ? '中心反馈' : '本记录';
  const verbs: Record<string, string> = {
    VIEW: '查看',
    TRACE: '查看追溯',
    READ: '查看',
    UPDATE: '答复',
    FEEDBACK: '发出',
    CLOSE: '办结',
    RETURN: '退回',
    REVEAL: '查看明文',
  };
  return `${verbs[action] ?? action}${what}`;
}
