// Determinism: recorded histories of real runs (test/histories, written by
// scripts/record-histories.ts) must replay against the current workflow code. A change that would break
// running workflows fails here; such a change needs wf.patched() (see README "Changing a workflow").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';

const historiesDir = fileURLToPath(new URL('../histories/', import.meta.url));
const workflowsDir = fileURLToPath(new URL('../../workflows/', import.meta.url));
const load = (file: string) => JSON.parse(readFileSync(historiesDir + file, 'utf8'));

// Every recorded history, by name: one that disappears fails its replay below instead of silently replaying
// nothing. A new recording is added here (scripts/record-histories.ts).
const HISTORIES = [
  'backup-manual.json',
  'centre-feedback-two-rounds.json',
  // The hourly upload to the city platform: one activity, queue and send (workflows/city-upload.ts).
  'city-upload.json',
  'disable-dormant-accounts.json',
  'drop-folder-scan-three-files.json',
  // An exchange flow run of three chunks, each a batch, then the write-back (workflows/exchange-flow-run.ts).
  'exchange-flow-run-chunks.json',
  // An SFTP flow run: one pass of pull → receive → acknowledge, its file one batch (lib/exchange/file-sync.ts).
  'exchange-flow-run-files.json',
  // The nightly sweep of unreferenced stored files (workflows/file-store-sweep.ts).
  'file-store-sweep.json',
  // Before and after the patch 'timeliness-at-commit': the pass over the batch's records, then none.
  'import-batch-explain-review.json',
  'import-batch-flagged-at-commit.json',
  'import-batch-with-fixes.json',
  'import-batch-worker-killed.json',
  // The daily 公示期满 run (workflows/publicity-expiry.ts).
  'publicity-expiry.json',
  'restore-drill-passed.json',
  'suspect-fix-explain-review.json',
  'suspect-fix-two-rounds.json',
];

/** The workflow types the worker registers: the async functions workflows/index.ts exports (not its Query and
 * Update definitions). Read from the source: workflow code cannot be imported outside a workflow context. */
function registeredWorkflowTypes(): string[] {
  const index = readFileSync(join(workflowsDir, 'index.ts'), 'utf8');
  const types: string[] = [];
  for (const m of index.matchAll(/export\s*\{([^}]+)\}\s*from\s*'\.\/([^']+)'/g)) {
    const source = readFileSync(join(workflowsDir, `${m[2]}.ts`), 'utf8');
    for (const name of m[1]!.split(',').map((n) =>
      n
        .trim()
        .split(/\s+as\s+/)
        .pop()!,
    )) {
      if (new RegExp(String.raw`export\s+async\s+function\s+${name}\b`).test(source)) types.push(name);
    }
  }
  return types;
}

const typeOf = (file: string): string => load(file).events[0].workflowExecutionStartedEventAttributes.workflowType.name;

let bundle: WorkflowBundle;
beforeAll(async () => {
  bundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    logger: quietLogger,
  });
});

describe('workflow replay', () => {
  it('R-9.1 lists every history file there is, and each is there', () => {
    const present = readdirSync(historiesDir).filter((f) => f.endsWith('.json'));
    expect(present.sort()).toEqual([...HISTORIES].sort());
  });

  it('R-9.1 has a recorded history of every workflow type the worker registers', () => {
    const types = registeredWorkflowTypes();
    // The reading of workflows/index.ts itself: it finds the known types, so an empty list cannot pass.
    expect(types).toEqual(expect.arrayContaining(['importBatch', 'suspectFix', 'centreFeedback', 'backup']));
    const recorded = new Set(HISTORIES.map(typeOf));
    expect(types.filter((t) => !recorded.has(t))).toEqual([]);
  });

  it.each(HISTORIES)('R-9.1 replays %s against the current workflow code', async (file) => {
    await Worker.runReplayHistory({ workflowBundle: bundle }, load(file), file);
  });

  it('R-9.1 detects an incompatible change of the import workflow', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../support/changed-workflows/index.ts', import.meta.url)),
      logger: quietLogger,
    });
    await expect(
      Worker.runReplayHistory({ workflowBundle: changed }, load('import-batch-with-fixes.json')),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
