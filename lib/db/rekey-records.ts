// Data migration: natural keys and fingerprints written before they became keyed hashes (lib/catalog/keys.ts)
// are recomputed from the stored values, and so are the fingerprints an SQL migration marked 'refresh' after
// changing stored values (a code read in its normal form). It needs the PII keys, which SQL migrations do not
// have, so it runs after them (the seed of `npm start` and `npm test`, and scripts/db-migrate.ts); once every
// key is hashed and every fingerprint fresh it finds nothing to do.
import pg from 'pg';
import { fingerprintOf, naturalKeyOf, type KeyedCatalog } from '@/lib/catalog/keys';
import type { RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';

const BATCH = 2_000;
// Not yet hashed, and not the placeholder of an accepted row without a natural key (lib/suspects/store-accepted.ts).
const OLD_KEY = `"naturalKey" !~ '^[0-9a-f]{64}$' AND "naturalKey" NOT LIKE 'accepted:%'`;
const PENDING = `((${OLD_KEY}) OR fingerprint = 'refresh')`;

export async function rekeyRecords(databaseUrl: string, log: (line: string) => void = () => {}): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pending = await client.query(`SELECT 1 FROM "CreditRecord" WHERE ${PENDING} LIMIT 1`);
    if (!pending.rowCount) return 0;
    const defs = await keyDefs(client);
    let done = 0;
    for (;;) {
      const { rows } = await client.query<{ id: string; v: string; data: RowValues; sealed: string | null }>(
        `SELECT id, "catalogVersionId" AS v, data, sealed FROM "CreditRecord" WHERE ${PENDING} LIMIT ${BATCH}`,
      );
      if (!rows.length) break;
      await client.query('BEGIN');
      for (const r of rows) {
        const def = defs.get(r.v)!;
        const values = valuesOf(r.data, r.sealed);
        const key = naturalKeyOf(def, values) ?? `accepted:${r.id}`;
        await client.query('UPDATE "CreditRecord" SET "naturalKey" = $2, fingerprint = $3 WHERE id = $1', [
          r.id,
          key,
          fingerprintOf(def, values),
        ]);
      }
      // Old fingerprints were unkeyed SHA-256, hex like the new ones: the revisions of these records go with them.
      const revisions = await client.query<{ id: string; v: string; data: RowValues; sealed: string | null }>(
        `SELECT id::text, "catalogVersionId" AS v, data, sealed FROM "CreditRecordRevision" WHERE "recordId" = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      for (const r of revisions.rows) {
        await client.query('UPDATE "CreditRecordRevision" SET fingerprint = $2 WHERE id = $1::bigint', [
          r.id,
          fingerprintOf(defs.get(r.v)!, valuesOf(r.data, r.sealed)),
        ]);
      }
      await client.query('COMMIT');
      done += rows.length;
      log(`rekeyed ${done} credit records`);
    }
    return done;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

function valuesOf(data: RowValues, sealed: string | null): RowValues {
  return sealed ? { ...data, ...unsealJson<RowValues>(sealed) } : data;
}

async function keyDefs(client: pg.Client): Promise<Map<string, KeyedCatalog>> {
  const versions = await client.query<{ id: string; catalogId: string; naturalKey: string[] }>(
    'SELECT id, "catalogId", "naturalKey" FROM "CatalogVersion"',
  );
  const fields = await client.query<{ versionId: string; key: string }>(
    'SELECT "versionId", key FROM "CatalogField" ORDER BY "versionId", "sortOrder"',
  );
  const defs = new Map<string, KeyedCatalog & { fields: { key: string }[] }>();
  for (const v of versions.rows) defs.set(v.id, { catalogId: v.catalogId, naturalKey: v.naturalKey, fields: [] });
  for (const f of fields.rows) defs.get(f.versionId)!.fields.push({ key: f.key });
  return defs;
}
