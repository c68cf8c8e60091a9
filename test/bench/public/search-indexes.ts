// The organisation-search indexes the benchmark's search queries need. They come with h-search's migration
// (*_public_search); on a branch where that migration is not merged yet, the benchmark creates the same
// functions and indexes itself (copied from that migration; keep in step) so the direct baseline is measured
// on the indexes the app will use. Returns the seconds spent building them (0 when they were there).
// One difference: credit_name_grams calls credit_name_key schema-qualified. PostgreSQL 17 runs index
// expressions with search_path = pg_catalog, pg_temp during CREATE INDEX on a filled table, ANALYZE and
// VACUUM, where the unqualified call fails ("function credit_name_key(text) does not exist").
import type pg from 'pg';

const SQL = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE FUNCTION credit_name_key(name TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT lower(normalize(name, NFKC)) $$;
CREATE FUNCTION credit_name_grams(name TEXT) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(k, i, 1) AS g FROM (SELECT public.credit_name_key(name) AS k) n, generate_series(1, length(k)) i
    UNION ALL
    SELECT substr(k, i, 2) FROM (SELECT public.credit_name_key(name) AS k) n, generate_series(1, length(k) - 1) i
  ) s
$$;
CREATE INDEX "Subject_org_name_key_idx" ON "Subject" ((credit_name_key(name) COLLATE "C"), id) WHERE kind = 'ORG';
CREATE INDEX "Subject_org_name_grams_idx" ON "Subject" USING gin (credit_name_grams(name)) WHERE kind = 'ORG';
CREATE INDEX "Subject_org_name_trgm_idx" ON "Subject" USING gin (credit_name_key(name) gin_trgm_ops) WHERE kind = 'ORG';
ANALYZE "Subject";
`;

export async function ensureSearchIndexes(c: pg.ClientBase, log: (l: string) => void): Promise<number> {
  const { rows } = await c.query<{ f: string | null }>(`SELECT to_regprocedure('credit_name_grams(text)')::text AS f`);
  if (rows[0]!.f) return 0;
  log('the search migration is not in this branch: creating its functions and indexes for the benchmark…');
  const t = performance.now();
  await c.query(`SET maintenance_work_mem = '1GB'`);
  await c.query(SQL);
  return (performance.now() - t) / 1000;
}
