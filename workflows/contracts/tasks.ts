// The contract of a human task (the human-task pattern, workflows/human-task.ts): what a workflow asks the
// inbox to show, and the Update through which a person acts on it. Types and plain checks only, so the app,
// lib, activities and workflows all read the same shapes without importing one another.

/** The Update every task-owning workflow accepts; the name is recorded in history and must never change. */
export const TASK_ACTION_UPDATE = 'taskAction';

export interface TaskActor {
  id: string;
  name: string;
}

/** What the openTask activity turns into an inbox row (lib/tasks/projection.ts). */
export interface HumanTaskSpec {
  step: string;
  kind: string;
  title: string;
  candidateDeptId: string;
  candidatePermission?: string;
  /** Prefix of the workflow settings that hold this task's deadlines (e.g. 'suspectFix'). */
  settingsKey: string;
  subjectRef?: Record<string, unknown>;
  payload?: Record<string, unknown>;
}

/** The rows an action applies to: answers saved beforehand by the app, which the workflow applies. */
export interface ItemsPayload {
  itemIds: string[];
}

/** The payload of every task action, by action name. */
export interface TaskActionPayloads {
  /** Suspect rows corrected (suspectFix). */
  resubmit: ItemsPayload;
  /** Suspect rows explained (suspectFix). */
  explain: ItemsPayload;
  /** The centre's accept / return decisions on explained rows (suspectFix). */
  review: ItemsPayload;
  /** Feedback items corrected or explained (centreFeedback). */
  respond: ItemsPayload;
  /** Feedback items returned for another round (centreFeedback). */
  return: ItemsPayload;
  /** The feedback case closed (centreFeedback); runs recorded before this contract sent `{ itemIds: [] }`. */
  close: Record<string, never>;
}

export type TaskActionName = keyof TaskActionPayloads;

/** The Update's single argument: one member per action, its payload typed. */
export type TaskActionInput<A extends TaskActionName = TaskActionName> = {
  [K in A]: { taskId: string; actor: TaskActor; action: K; data: TaskActionPayloads[K] };
}[A];

export interface TaskActionReply {
  done: boolean;
  message: string;
  data?: Record<string, unknown>;
}

/** The most rows one action carries (the largest form the app accepts). */
export const MAX_ACTION_ITEMS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function itemsProblem(data: unknown): string | null {
  const ids = (data as { itemIds?: unknown } | null)?.itemIds;
  if (!Array.isArray(ids)) return '缺少要处理的数据行';
  if (ids.length === 0) return '请至少选择一行数据';
  if (ids.length > MAX_ACTION_ITEMS) return `一次最多处理 ${MAX_ACTION_ITEMS} 行`;
  if (!ids.every((id) => typeof id === 'string' && UUID.test(id))) return '数据行标识无效';
  if (new Set(ids).size !== ids.length) return '数据行重复';
  return null;
}

const payloadChecks: Record<TaskActionName, (data: unknown) => string | null> = {
  resubmit: itemsProblem,
  explain: itemsProblem,
  review: itemsProblem,
  respond: itemsProblem,
  return: itemsProblem,
  close: (data) => (data === undefined || (typeof data === 'object' && data !== null) ? null : '参数无效'),
};

export function isTaskActionName(action: unknown): action is TaskActionName {
  return typeof action === 'string' && Object.hasOwn(payloadChecks, action);
}

/**
 * Why a task action's payload is malformed, or null when it is well formed. The Update validator calls it,
 * so a malformed payload is refused before anything reaches the workflow's history.
 */
export function taskActionPayloadProblem(action: TaskActionName, data: unknown): string | null {
  return payloadChecks[action](data);
}
