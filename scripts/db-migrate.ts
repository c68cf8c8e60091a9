// `npm run db:migrate`: applies pending migrations to DATABASE_URL (`npm start` and `npm test` migrate by themselves).
import { migrate } from '../lib/db/migrate';

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
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
