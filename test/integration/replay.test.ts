// Determinism: recorded histories of real runs (test/histories, written by
// scripts/record-histories.ts) must replay against the current workflow code. A change that would break
// running workflows fails here; such a change needs wf.patched() (see README "Changing a workflow").
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';

const historiesDir = fileURLToPath(new URL('../histories/', import.meta.url));
const histories = readdirSync(historiesDir).filter((f) => f.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(historiesDir + file, 'utf8'));

let bundle: WorkflowBundle;
beforeAll(async () => {
  bundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    logger: quietLogger,
  });
});

describe('workflow replay', () => {
  it('R-9.1 has recorded histories of the import and the return-and-fix workflows', () => {
    expect(histories).toEqual(
      expect.arrayContaining([
        'import-batch-with-fixes.json',
        'suspect-fix-two-rounds.json',
        'import-batch-worker-killed.json',
        // Before and after the patch 'timeliness-at-commit': the pass over the batch's records, then none.
        'import-batch-explain-review.json',
        'import-batch-flagged-at-commit.json',
        // The daily 公示期满 run (workflows/publicity-expiry.ts).
        'publicity-expiry.json',
      ]),
    );
  });

  it.each(histories)('R-9.1 replays %s against the current workflow code', async (file) => {
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
