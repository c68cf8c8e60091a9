// `npm run db:migrate`: applies pending migrations to DATABASE_URL (`npm start` and `npm test` migrate by themselves).
import './dev/use-local-platform'; // first: with nothing configured, the running `npm start`
import { migrate } from '../lib/db/migrate';
import { rekeyRecords } from '../lib/db/rekey-records';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL is not set. `npm start` migrates its embedded database by itself; set DATABASE_URL to migrate another.',
  );
  process.exit(2);
}

try {
  const { applied, alreadyApplied } = await migrate(url, { log: (line) => console.log(line) });
  console.log(
    applied.length === 0
      ? `database is up to date (${alreadyApplied} migration(s) applied before)`
      : `applied ${applied.length} migration(s): ${applied.join(', ')}`,
  );
  // Data migrations that need the application's keys (PII_ENC_KEY, PII_HMAC_KEY), which SQL cannot have.
  const rekeyed = await rekeyRecords(url, (line) => console.log(line));
  if (rekeyed) console.log(`hashed the natural keys of ${rekeyed} credit record(s)`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
