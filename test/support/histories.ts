// Recording a finished run's history for the replay test (test/integration/replay.test.ts): with
// RECORD_HISTORIES=1 a test that ran a new workflow type writes test/histories/<name>.json from it.
import { writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';

export async function recordHistoryIfAsked(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  await handle.result();
  const history = await handle.fetchHistory();
  const { historyToJSON } = await import('@temporalio/common/lib/proto-utils');
  writeFileSync(new URL(`../histories/${name}.json`, import.meta.url), historyToJSON(history));
}
