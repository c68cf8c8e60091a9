// Published records of one fresh organisation for the credit-report and 双公示 tests: written through the
// import's real write path (writeRecords, COPY) so each carries the publicity window the rule reads.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { checkRow } from '../../lib/catalog/check-row';
import { currentVersionId, loadCatalogDef } from '../../lib/catalog/load';
import type { CatalogDef, RowValues } from '../../lib/catalog/types';
import { db } from '../../lib/db';
import { makeUscc } from '../../lib/identifiers/uscc';
import { prepareValues } from '../../lib/import/prepare-row';
import { pgRunner } from '../../lib/import/sql';
import { writeRecords } from '../../lib/import/write-records';

const AUTHORITY = '武陟县市场监督管理局';
const AUTHORITY_USCC = makeUscc('11410823', 'MB123456');

export interface ReportFixture {
  tag: string;
  subjectId: string;
  name: string;
  uscc: string;
  deptCode: string;
  /** Decision numbers and record ids, by what the tests expect of them. */
  license: { number: string; id: string };
  penalty: { number: string; id: string };
  abnormal: { number: string; id: string };
  expired: { number: string; id: string };
  withdrawn: { number: string; id: string };
  /** A decision day no other test uses, for the 双公示 filters. */
  penaltyDay: string;
}

let row = 0;

export async function seedReportFixture(deptCode = 'SCJGJ'): Promise<ReportFixture> {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const name = `武陟县报告测试${tag}建材有限公司`;
  const uscc = makeUscc('91410823', randomBytes(4).toString('hex').toUpperCase());
  const org = { subjectName: name, subjectCategory: '02', uscc };
  const deptId = (await db.department.findUniqueOrThrow({ where: { code: deptCode } })).id;
  const defs = {
    penalty: await def('ADMIN_PENALTY'),
    license: await def('ADMIN_LICENSE'),
    negative: await def('NEGATIVE'),
  };
  // A day in the past inside every window, unique per run: 2026-08-01 … 2026-08-28.
  const penaltyDay = `2026-08-${String(1 + (parseInt(tag, 16) % 28)).padStart(2, '0')}`;
  const penalty = (n: string, date: string, until: string): RowValues => ({
    ...org,
    decisionNumber: n,
    violationType: '未按规定公示年度报告',
    facts: '当事人未按规定期限公示年度报告，经责令限期改正逾期未改正。',
    basis: '《中华人民共和国市场主体登记管理条例》第四十八条',
    penaltyCategory: '03',
    penaltyContent: '罚款人民币贰仟元整',
    fineAmount: '0.2',
    decisionDate: date,
    publicUntil: until,
    authority: AUTHORITY,
    authorityUscc: AUTHORITY_USCC,
    sourceUnit: AUTHORITY,
    sourceUnitUscc: AUTHORITY_USCC,
  });
  const numbers = {
    penalty: `武市监罚〔2026〕报${tag}1号`,
    expired: `武市监罚〔2025〕过期${tag}号`,
    withdrawn: `武市监罚〔2026〕撤销${tag}号`,
    license: `武市监许〔2026〕报${tag}号`,
    abnormal: `武市监异〔2026〕报${tag}号`,
  };
  const [penaltyId, expiredId, withdrawnId] = await store(defs.penalty, deptId, [
    penalty(numbers.penalty, penaltyDay, '2027-08-01'),
    penalty(numbers.expired, '2025-01-10', '2025-06-10'),
    penalty(numbers.withdrawn, '2026-09-01', '2027-09-01'),
  ]);
  const [licenseId] = await store(defs.license, deptId, [
    {
      ...org,
      docName: '食品经营许可决定书',
      docNumber: numbers.license,
      licenseCategory: '01',
      licenseName: '食品经营许可证',
      licenseNumber: `JY141082300${tag}`,
      licenseContent: '预包装食品销售（含冷藏冷冻食品）',
      decisionDate: '2026-07-01',
      validFrom: '2026-07-01',
      validTo: '2031-06-30',
      status: '1',
      authority: AUTHORITY,
      authorityUscc: AUTHORITY_USCC,
      sourceUnit: AUTHORITY,
      sourceUnitUscc: AUTHORITY_USCC,
    },
  ]);
  const [abnormalId] = await store(defs.negative, deptId, [
    {
      ...org,
      negativeType: '07',
      severity: '2',
      facts: '未按规定期限公示年度报告，列入经营异常名录。',
      basis: '《企业信息公示暂行条例》第八条',
      decisionNumber: numbers.abnormal,
      decisionDate: '2026-09-15',
      authority: AUTHORITY,
      authorityUscc: AUTHORITY_USCC,
      sourceUnit: AUTHORITY,
      sourceUnitUscc: AUTHORITY_USCC,
    },
  ]);
  await db.creditRecord.update({ where: { id: withdrawnId! }, data: { withdrawnAt: new Date() } });
  const subject = await db.subject.findUniqueOrThrow({ where: { uscc } });
  return {
    tag,
    subjectId: subject.id,
    name,
    uscc,
    deptCode,
    penaltyDay,
    license: { number: numbers.license, id: licenseId! },
    penalty: { number: numbers.penalty, id: penaltyId! },
    abnormal: { number: numbers.abnormal, id: abnormalId! },
    expired: { number: numbers.expired, id: expiredId! },
    withdrawn: { number: numbers.withdrawn, id: withdrawnId! },
  };
}

async function def(code: string): Promise<CatalogDef> {
  return loadCatalogDef(db, await currentVersionId(db, code));
}

/** Stores rows as an import does (one batch, COPY); returns the record ids. */
async function store(d: CatalogDef, deptId: string, rows: RowValues[]): Promise<string[]> {
  const t = randomBytes(4).toString('hex');
  const batch = await db.importBatch.create({
    data: {
      number: `RPT-${t}`,
      catalogVersionId: d.versionId,
      providerDeptId: deptId,
      source: 'MANUAL',
      workflowId: `test-report-${t}`,
      status: 'COMPLETED',
    },
  });
  const prepared = rows.map((raw) => {
    const { values, problems } = checkRow(d, raw, { today: new Date() });
    if (problems.length > 0) throw new Error(`${d.code}: ${JSON.stringify(problems)}`);
    return prepareValues(d, ++row, values)!;
  });
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { outcomes } = await writeRecords(
      pgRunner(client),
      { def: d, batchId: batch.id, providerDeptId: deptId },
      prepared,
    );
    await client.query('COMMIT');
    return outcomes.map((o) => {
      if (o.outcome === 'SUSPECT') throw new Error(JSON.stringify(o.problems));
      return o.recordId;
    });
  } finally {
    await client.end();
  }
}
