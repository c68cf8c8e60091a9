// The guard's one statement per public query (./guard.ts), in its own module so the benchmark runs exactly it
// (test/bench/public). Counts this query for the address and reads the address's recent counts. Parameters:
// $1 address, $2 the current minute (ISO instant, UTC), $3 the captcha window in minutes. The sub-selects see
// the table as it was before the upsert, so they read earlier minutes only; the current one comes from RETURNING.
export const COUNT_QUERY_SQL = `
  WITH m AS (SELECT ($2::timestamptz AT TIME ZONE 'UTC') AS at),
  up AS (
    INSERT INTO "PublicQueryBucket" (address, minute, queries, unverified)
    SELECT $1, m.at, 1, 1 FROM m
    ON CONFLICT (address, minute) DO UPDATE
      SET queries = "PublicQueryBucket".queries + 1, unverified = "PublicQueryBucket".unverified + 1
    RETURNING queries, unverified)
  SELECT up.queries AS current,
    coalesce((SELECT b.queries FROM "PublicQueryBucket" b, m
               WHERE b.address = $1 AND b.minute = m.at - interval '1 minute'), 0)::int AS previous,
    (up.unverified + coalesce((SELECT sum(b.unverified) FROM "PublicQueryBucket" b, m
               WHERE b.address = $1 AND b.minute < m.at
                 AND b.minute >= m.at - make_interval(mins => $3::int)), 0))::int AS unverified
  FROM up`;

/** The minute bucket of an instant, as the statement's $2. */
export const minuteOf = (now: number) => new Date(Math.floor(now / 60_000) * 60_000).toISOString();
