// `npm run audit:verify [-- --anchor <id>:<hash> …]`: recomputes the audit hash chain and reports the first
// broken link (an edited row, a deleted row, a cut tail). Exits 1 when the chain is broken. Prints the head
// as an anchor: keep it outside this database (ticket, mail, the SIEM) and pass it to later runs.
import './dev/use-local-platform'; // first: with nothing configured, the running `npm start`
import pg from 'pg';
import { verifyAuditChain, type Anchor } from '../lib/audit/verify';

const anchors: Anchor[] = [];
const args = process.argv.slice(2).filter((a) => a !== '--');
for (let i = 0; i < args.length; i++) {
  const m = args[i] === '--anchor' ? /^(\d+):([0-9a-f]{64})$/.exec(args[++i] ?? '') : null;
  if (!m) {
    console.error('usage: npm run audit:verify [-- --anchor <id>:<sha256 hex> …]');
    process.exit(2);
  }
  anchors.push({ id: m[1]!, hash: m[2]! });
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const report = await verifyAuditChain(client, { anchors });
  if (report.ok) {
    console.log(`audit chain intact: ${report.rows} row(s) from id ${report.firstId ?? '-'}`);
    if (report.head) console.log(`anchor: ${report.head.id}:${report.head.hash}`);
  } else {
    console.error(`AUDIT CHAIN BROKEN after ${report.rows - 1} good row(s): ${report.break!.message}`);
    process.exitCode = 1;
  }
} finally {
  await client.end();
}
