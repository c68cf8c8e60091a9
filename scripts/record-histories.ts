// Records workflow histories from a running Temporal server as JSON fixtures for the replay tests:
//   npx tsx scripts/record-histories.ts <name>=<workflowId> …   (writes test/histories/<name>.json)
// Uses the Temporal CLI's `workflow show --output json`, the format Worker.runReplayHistory reads.
// Record again only for a new workflow shape; keep the old files: they prove old runs still replay.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { findOrBuildTemporalCli } from './dev/temporal';
import { env } from '../lib/env';

async function main(): Promise<void> {
  const pairs = process.argv.slice(2).map((a) => a.split('=') as [string, string]);
  if (!pairs.length || pairs.some(([n, id]) => !n || !id))
    throw new Error('usage: record-histories <name>=<workflowId> …');
  const cli = await findOrBuildTemporalCli((line) => console.log(line));
  for (const [name, workflowId] of pairs) {
    const json = execFileSync(
      cli,
      [
        'workflow',
        'show',
        '--workflow-id',
        workflowId,
        '--output',
        'json',
        '--address',
        env().TEMPORAL_ADDRESS,
        '--namespace',
        env().TEMPORAL_NAMESPACE,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    writeFileSync(`test/histories/${name}.json`, json);
    console.log(
      `test/histories/${name}.json: ${(JSON.parse(json.toString()).events ?? []).length} events of ${workflowId}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
