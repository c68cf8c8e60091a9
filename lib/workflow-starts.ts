// Durable workflow starts: a committed row always gets its workflow, even if Temporal is down at that moment.
//
// The problem: a process writes its row (a batch, a feedback case, a backup …) and then starts the workflow that
// carries it. Those are two systems; if Temporal cannot be reached between them (restart, network), the row is
// committed with no workflow and nothing would ever start one.
//
// The mechanism (a transactional outbox), one for every process:
//   1. In the SAME transaction as the row, `enqueueWorkflowStart(tx, { workflowType, workflowId, args })` writes a
//      PendingWorkflowStart row: the start is owed from the moment the row exists, or neither exists.
//   2. After the commit, `startEnqueued(workflowId)` tries the start at once (bounded by START_DEADLINE_MS) and
//      answers whether it happened. `false` is not an error: the caller tells the user the request was received
//      and will be processed (HTTP 202, START_DEFERRED_NOTICE) instead of failing.
//   3. The worker's reconciler (worker/start-reconciler.ts: at worker start, then every few seconds) calls
//      `startPendingWorkflows({ taskQueue })`, which starts every owed workflow of that task queue.
// A start deletes the PendingWorkflowStart row. Workflow ids are deterministic per row (import-<batchId> …) and
// every start uses WorkflowIdReusePolicy REJECT_DUPLICATE, so "already started" (by the other path, or before a
// crash that kept the row) counts as success and no workflow is ever started twice, even after it completed.
//
// A new process uses it by calling enqueueWorkflowStart inside the transaction that writes its row and
// startEnqueued after the commit; nothing else. Never call `client.workflow.start` directly after a commit.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { db, type Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { temporal } from '@/lib/temporal';
import { jsonInput } from '@/lib/db/json-column';
import type { WorkflowSignatures, WorkflowType } from '@/workflows/contracts';

export interface WorkflowStart<T extends WorkflowType = WorkflowType> {
  /** The workflow's registered name (by name: Next's minifier renames functions in the app bundle). */
  workflowType: T;
  /** Deterministic for the row the workflow is for, e.g. `import-<batchId>`. */
  workflowId: string;
  /** The workflow's arguments, typed by its contract; stored as JSON until the start. */
  args: Parameters<WorkflowSignatures[T]>;
  /** Omitted (or the configured one): the platform's task queue, TEMPORAL_TASK_QUEUE, when the start is made. */
  taskQueue?: string;
}

/** What a user is told when the start is deferred: the request is kept and will be processed. */
export const START_DEFERRED_NOTICE =
  '处理服务暂时无法连接，已收到的内容不会丢失，服务恢复后将自动开始处理，无需重复提交';
// How long a request waits for Temporal before it answers "received, will be processed".
const START_DEADLINE_MS = 5_000;

/** Records that `start` is owed. Call it inside the transaction that writes the row the workflow is for. */
export async function enqueueWorkflowStart<T extends WorkflowType>(
  tx: Prisma.TransactionClient,
  start: WorkflowStart<T>,
): Promise<void> {
  const taskQueue = start.taskQueue && start.taskQueue !== env().TEMPORAL_TASK_QUEUE ? start.taskQueue : null;
  await tx.pendingWorkflowStart.upsert({
    where: { workflowId: start.workflowId },
    create: {
      workflowId: start.workflowId,
      workflowType: start.workflowType,
      taskQueue,
      args: jsonInput(start.args),
    },
    update: {},
  });
}

/**
 * After the commit: starts the owed workflow now. True when Temporal has it (started now, or before by the
 * reconciler); false when Temporal could not be reached, and the reconciler will start it later.
 */
export async function startEnqueued(workflowId: string, client: Client = temporal()): Promise<boolean> {
  const owed = await db.pendingWorkflowStart.findUnique({ where: { workflowId } });
  return owed ? attempt(owed, client) : true;
}

/** Whether a start is still owed (e.g. to answer a repeated request for the same row). */
export async function isStartPending(workflowId: string): Promise<boolean> {
  return (await db.pendingWorkflowStart.count({ where: { workflowId } })) > 0;
}

export interface ReconcileResult {
  started: number;
  /** Owed starts of this task queue left after the pass (Temporal unreachable, or more than `limit`). */
  pending: number;
  /** Why the pass stopped early, when it did. */
  error?: string;
}

/**
 * Starts the owed workflows of one task queue (the worker's own: it runs what it starts), oldest first and those
 * never tried before those that failed. Stops at the first failure: Temporal is most likely unreachable, and one
 * start that keeps failing for a reason of its own goes to the back of the line instead of blocking the others.
 */
export async function startPendingWorkflows(opts: {
  taskQueue: string;
  limit?: number;
  client?: Client;
}): Promise<ReconcileResult> {
  const client = opts.client ?? temporal();
  const where: Prisma.PendingWorkflowStartWhereInput =
    opts.taskQueue === env().TEMPORAL_TASK_QUEUE
      ? { OR: [{ taskQueue: opts.taskQueue }, { taskQueue: null }] }
      : { taskQueue: opts.taskQueue };
  const owed = await db.pendingWorkflowStart.findMany({
    where,
    orderBy: [{ lastAttemptAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }],
    take: opts.limit ?? 200,
  });
  let started = 0;
  let error: string | undefined;
  for (const row of owed) {
    if (!(await attempt(row, client))) {
      error = (await db.pendingWorkflowStart.findUnique({ where: { workflowId: row.workflowId } }))?.lastError ?? '';
      break;
    }
    started++;
  }
  return { started, pending: await db.pendingWorkflowStart.count({ where }), error };
}

type Owed = Awaited<ReturnType<typeof db.pendingWorkflowStart.findUniqueOrThrow>>;

async function attempt(row: Owed, client: Client): Promise<boolean> {
  try {
    await client.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      client.workflow.start(row.workflowType, {
        workflowId: row.workflowId,
        taskQueue: row.taskQueue ?? env().TEMPORAL_TASK_QUEUE,
        args: row.args as unknown[],
        // Never a second execution for the same row, even once the first has completed.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
      const message = err instanceof Error ? err.message : String(err);
      await db.pendingWorkflowStart.updateMany({
        where: { workflowId: row.workflowId },
        data: { attempts: { increment: 1 }, lastAttemptAt: new Date(), lastError: message.slice(0, 2000) },
      });
      return false;
    }
  }
  await db.pendingWorkflowStart.deleteMany({ where: { workflowId: row.workflowId } });
  return true;
}
