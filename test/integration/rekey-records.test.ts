// The data migration of: records stored before natural keys and fingerprints became keyed hashes held a
// person's ID number in clear in their key. rekeyRecords (run by the seed and `npm run db:migrate`) rewrites
// them to exactly what an import computes now, so deduplication keeps working across the change.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { naturalKeyOf, fingerprintOf } from '../../lib/catalog/keys';
import { loadCatalogDef } from '../../lib/catalog/load';
import { db } from '../../lib/db';
import { rekeyRecords } from '../../lib/db/rekey-records';
import { makeIdNumber } from '../../lib/identifiers';
import { recordValues } from '../../lib/records/values';
import { uploadRows } from '../support/fix-loop';
import { penaltyRows } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

afterAll(() => db.$disconnect());

describe('rehashing natural keys written in clear', () => {
  it('R-8.1 R-2.1 rewrites old keys and fingerprints to the keyed hashes an import computes, once', async () => {
    const [org, person] = penaltyRows(2, { prefix: `RK${Date.now()}-` });
    const idNumber = makeIdNumber('410823', '19900101', String(Date.now() % 1000).padStart(3, '0'));
    person!.values = {
      ...person!.values,
      subjectCategory: '01',
      subjectName: '张测试',
      uscc: '',
      certType: '01',
      certNumber: idNumber,
    };
    const batchId = await uploadRows('scjgj01', [org!, person!]);
    const batch = await waitForBatchStatus(batchId, ['COMPLETED']);
    expect(batch.rowsStored).toBe(2);
    const def = await loadCatalogDef(db, batch.catalogVersionId);

    // Put the records back as the first releases wrote them: raw key parts, an unkeyed SHA-256.
    const records = await db.creditRecord.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } });
    for (const r of records) {
      const v = recordValues(r);
      const oldKey = def.naturalKey
        .map((entry) =>
          entry
            .split('|')
            .map((k) => v[k])
            .find((x) => x),
        )
        .join('\u001f');
      const oldFingerprint = createHash('sha256')
        .update(JSON.stringify(def.fields.map((f) => v[f.key] ?? '')))
        .digest('hex');
      await db.creditRecord.update({ where: { id: r.id }, data: { naturalKey: oldKey, fingerprint: oldFingerprint } });
    }
    const before = await db.creditRecord.findFirstOrThrow({ where: { batchId, rowNumber: 3 } });
    expect(before.naturalKey).toContain(idNumber); // the problem this migration exists for

    expect(await rekeyRecords(process.env.DATABASE_URL!)).toBeGreaterThanOrEqual(2);
    for (const r of await db.creditRecord.findMany({ where: { batchId } })) {
      const v = recordValues(r);
      expect(r.naturalKey).toBe(naturalKeyOf(def, v));
      expect(r.fingerprint).toBe(fingerprintOf(def, v));
      expect(r.naturalKey).not.toContain(idNumber.slice(6, 14));
    }
    expect(await rekeyRecords(process.env.DATABASE_URL!)).toBe(0); // nothing left to do
  });
});
