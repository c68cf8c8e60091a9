// The contracts between the workflows and their callers (workflows/contracts): every workflow the worker
// registers has the signature callers start it with, and a task action's payload is checked before the
// workflow accepts it (the Update validator calls taskActionPayloadProblem).
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as workflows from '../../workflows';
import {
  BACKUP_WORKFLOW,
  CENTRE_FEEDBACK_WORKFLOW,
  CITY_UPLOAD_WORKFLOW,
  DORMANT_ACCOUNTS_WORKFLOW,
  DROP_FOLDER_SCAN_WORKFLOW,
  EXCHANGE_FLOW_RUN_WORKFLOW,
  FILE_STORE_SWEEP_WORKFLOW,
  IMPORT_BATCH_WORKFLOW,
  isTaskActionName,
  PUBLICITY_EXPIRY_WORKFLOW,
  MAX_ACTION_ITEMS,
  RESTORE_DRILL_WORKFLOW,
  SUSPECT_FIX_WORKFLOW,
  taskActionPayloadProblem,
  type WorkflowSignatures,
  type WorkflowType,
} from '../../workflows/contracts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('workflow contracts', () => {
  it('name every workflow the worker registers, with the signature it is started with', () => {
    // Checked by the type checker: a workflow whose input or result drifts from its contract fails `tsc`.
    expectTypeOf<{ [K in WorkflowType]: (typeof workflows)[K] }>().toEqualTypeOf<WorkflowSignatures>();
    expectTypeOf<keyof typeof workflows>().toEqualTypeOf<WorkflowType>();
    const names: WorkflowType[] = [
      IMPORT_BATCH_WORKFLOW,
      SUSPECT_FIX_WORKFLOW,
      CENTRE_FEEDBACK_WORKFLOW,
      BACKUP_WORKFLOW,
      RESTORE_DRILL_WORKFLOW,
      DROP_FOLDER_SCAN_WORKFLOW,
      DORMANT_ACCOUNTS_WORKFLOW,
      PUBLICITY_EXPIRY_WORKFLOW,
      FILE_STORE_SWEEP_WORKFLOW,
      EXCHANGE_FLOW_RUN_WORKFLOW,
      CITY_UPLOAD_WORKFLOW,
    ];
    expect(new Set(names).size).toBe(11);
  });

  it('accept a well-formed task action payload', () => {
    for (const action of ['resubmit', 'explain', 'review', 'respond', 'return'] as const)
      expect(taskActionPayloadProblem(action, { itemIds: [id(1), id(2)] })).toBeNull();
    expect(taskActionPayloadProblem('close', {})).toBeNull();
    // Runs recorded before the contract sent this for a close.
    expect(taskActionPayloadProblem('close', { itemIds: [] })).toBeNull();
  });

  it('refuse a malformed task action payload with a reason a user can read', () => {
    expect(taskActionPayloadProblem('resubmit', undefined)).toBe('缺少要处理的数据行');
    expect(taskActionPayloadProblem('explain', { itemIds: id(1) })).toBe('缺少要处理的数据行');
    expect(taskActionPayloadProblem('review', { itemIds: [] })).toBe('请至少选择一行数据');
    expect(taskActionPayloadProblem('respond', { itemIds: ['1; DROP TABLE'] })).toBe('数据行标识无效');
    expect(taskActionPayloadProblem('return', { itemIds: [id(1), 7] })).toBe('数据行标识无效');
    expect(taskActionPayloadProblem('resubmit', { itemIds: [id(1), id(1)] })).toBe('数据行重复');
    const tooMany = Array.from({ length: MAX_ACTION_ITEMS + 1 }, (_, i) => id(i));
    expect(taskActionPayloadProblem('resubmit', { itemIds: tooMany })).toBe(`一次最多处理 ${MAX_ACTION_ITEMS} 行`);
    expect(taskActionPayloadProblem('close', 'now')).toBe('参数无效');
  });

  it('know only the task actions the workflows define', () => {
    expect(isTaskActionName('resubmit')).toBe(true);
    expect(isTaskActionName('delete')).toBe(false);
    expect(isTaskActionName('toString')).toBe(false);
    expect(isTaskActionName(undefined)).toBe(false);
  });
});
