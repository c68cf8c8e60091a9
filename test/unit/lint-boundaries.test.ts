// The architecture's arrows are enforced by `npm run lint` (eslint.config.mjs, rule architecture/boundaries): a
// wrong import in each forbidden direction is an error, the allowed ones pass. The files are linted as if they
// stood in each folder, with the project's own config. Only the boundary rule runs, without type information,
// which keeps this test to seconds; `npm run lint` runs the same rule with every other one.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RULE = 'architecture/boundaries';

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === RULE,
  });
  // Loading the config (and the plugins it imports) takes seconds on a busy machine: once, here, not in a test.
  await eslint.lintText('export {};\n', { filePath: join(ROOT, 'lib', 'probe.ts') });
}, 120_000);

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  const messages = result?.messages ?? [];
  // A parsing error would hide the rule: fail loudly instead of passing.
  expect(messages.filter((m) => m.ruleId !== RULE)).toEqual([]);
  return messages.filter((m) => m.severity === 2).map((m) => m.message);
}

const forbidden: [string, string, string][] = [
  ['lib/batches/probe.ts', "import { x } from '@/app/_lib/probe';", 'lib/ must not import from app/'],
  ['lib/batches/probe.ts', "import { x } from '../../worker/schedules';", 'lib/ must not import from worker/'],
  ['lib/batches/probe.ts', "import { x } from '@/activities';", 'lib/ must not import from activities/'],
  [
    'lib/batches/probe.ts',
    "import type { x } from '@/activities/batch-activities';",
    'lib/ must not import from activities/',
  ],
  ['lib/batches/probe.ts', "import { x } from '../../scripts/dev/stack';", 'lib/ must not import from scripts/'],
  ['lib/batches/probe.ts', "import { x } from '@/workflows/import-batch';", 'lib/ must not import from workflows/'],
  ['app/api/probe/route.ts', "import { x } from '@/worker/schedules';", 'app/ must not import from worker/'],
  ['app/api/probe/route.ts', "import { x } from '../../../activities/index';", 'app/ must not import from activities/'],
  ['app/api/probe/route.ts', "import { x } from '@/workflows/suspect-fix';", 'app/ must not import from workflows/'],
  ['app/api/probe/route.ts', "export { x } from '@/scripts/dev/stack';", 'app/ must not import from scripts/'],
  ['activities/probe.ts', "import { x } from '../app/_lib/probe';", 'activities/ must not import from app/'],
  ['activities/probe.ts', "const m = import('@/app/page');", 'activities/ must not import from app/'],
  ['workflows/probe.ts', "import { x } from '@/app/_lib/probe';", 'workflows/ must not import from app/'],
  ['worker/probe.ts', "import { x } from '../scripts/dev/processes';", 'worker/ must not import from scripts/'],
  // A type import of a workflow file is still a loop: types come from the contracts.
  [
    'lib/feedback/probe.ts',
    "import type { TaskActionReply } from '@/workflows/human-task';",
    'lib/ must not import from workflows/',
  ],
];

const allowed: [string, string][] = [
  ['app/api/probe/route.ts', "import { x } from '@/lib/db';"],
  ['app/api/probe/route.ts', "import { x } from '@/workflows/contracts';"],
  ['app/api/probe/route.ts', "import type { x } from '@/workflows/import-batch-contracts';"],
  ['lib/batches/probe.ts', "import { x } from '../../workflows/contracts/human-task';"],
  ['lib/batches/probe.ts', "import { x } from '../db';"],
  ['activities/probe.ts', "import { x } from '@/lib/batches/create-batch';"],
  ['worker/probe.ts', "import { x } from '../activities';"],
  ['workflows/probe.ts', "import type { Activities } from '../activities';"],
  ['scripts/probe.ts', "import { x } from '../worker/schedules';"],
];

describe('ESLint enforces the boundaries between the parts', () => {
  it.each(forbidden)('%s: %s is an error', async (file, code, expected) => {
    const errors = await boundaryErrors(file, `${code}\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each(allowed)('%s: %s passes', async (file, code) => {
    expect(await boundaryErrors(file, `${code}\n`)).toEqual([]);
  });
});
