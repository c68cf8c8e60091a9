// `npm run audit:purge`: removes audit rows older than AUDIT_RETENTION_DAYS (at least 184). Runs as the
// database owner (AUDIT_PURGE_DATABASE_URL, else DATABASE_URL): the application's role may not delete audit
// rows at all. Schedule it (cron) no more than daily; it appends a PURGE entry the chain verification uses.
import './dev/use-local-platform'; // first: with nothing configured, the running `npm start`
import pg from 'pg';
import { purgeAuditLog } from '../lib/audit/retention';
import { env } from '../lib/env';

const url = process.env.AUDIT_PURGE_DATABASE_URL ?? env().DATABASE_URL;
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const result = await purgeAuditLog(client, { retentionDays: env().AUDIT_RETENTION_DAYS });
  console.log(
    result.purged
      ? `purged ${result.purged} audit row(s) up to id ${result.upToId} (older than ${result.cutoff.toISOString()})`
      : `nothing older than ${result.cutoff.toISOString()} to purge`,
  );
} finally {
  await client.end();
}
