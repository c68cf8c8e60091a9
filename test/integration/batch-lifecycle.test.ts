// The steps the import workflow's activities take on a batch (lib/batches/lifecycle.ts) and the record of an
// explanation (lib/suspects/explained.ts), against the real database: each state change comes with its one
// history line, and a retried step (the same activity run again) leaves that line once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failBatch, finishBatch, recordIgnoredColumns, returnBatch, startBatch } from '../../lib/batches/lifecycle';
import { sealJson } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { recordExplanations } from '../../lib/suspects/explained';

let versionId: string;
let catalogId: string;
let deptId: string;

beforeAll(async () => {
  const catalog = await db.catalog.findUniqueOrThrow({ where: { code: 'ADMIN_PENALTY' } });
  catalogId = catalog.id;
  versionId = (await db.catalogVersion.findFirstOrThrow({ where: { catalogId, status: 'PUBLISHED' } })).id;
  deptId = (await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } })).id;
});
afterAll(() => db.$disconnect());

async function newBatch(counts: Partial<Record<'rowsStored' | 'rowsSuspect' | 'rowsFixed', number>> = {}) {
  const tag = randomBytes(4).toString('hex');
  return db.importBatch.create({
    data: {
      number: `LCTEST-${tag}`,
      catalogVersionId: versionId,
      providerDeptId: deptId,
      source: 'MANUAL',
      workflowId: `lifecycle-test-${tag}`,
      ...counts,
    },
  });
}

const lines = async (batchId: string) =>
  (await db.batchEvent.findMany({ where: { batchId }, orderBy: { id: 'asc' } })).map((e) => [e.kind, e.message]);

describe('a batch through its import', () => {
  it('R-2.2 records each state with one history line, however often a step is retried', async () => {
    const batch = await newBatch({ rowsStored: 8, rowsSuspect: 2, rowsFixed: 2 });

    const started = await startBatch(db, batch.id, 'run-1');
    expect(await startBatch(db, batch.id, 'run-1')).toEqual(started);
    expect(started).toEqual({ number: batch.number, catalogName: '行政处罚', providerDeptId: deptId });
    await recordIgnoredColumns(db, batch.id, []);
    await recordIgnoredColumns(db, batch.id, ['备注', '经办人']);
    await recordIgnoredColumns(db, batch.id, ['备注', '经办人']);
    await returnBatch(db, batch.id);
    await returnBatch(db, batch.id);
    await finishBatch(db, batch.id);
    await finishBatch(db, batch.id);

    const after = await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(after.status).toBe('COMPLETED');
    expect(after.startedAt).not.toBeNull();
    expect(after.finishedAt).not.toBeNull();
    expect(await lines(batch.id)).toEqual([
      ['PROCESSING', '开始解析与校验'],
      ['COLUMNS_IGNORED', '文件中有 2 列不属于本目录，未导入：备注、经办人'],
      ['RETURNED', '校验完成：入库 8 条，更新 0 条，重复 0 条；2 条置疑数据已退回县市场监管局修复'],
      ['COMPLETED', '批次办结：入库 8 条，更新 0 条，重复 0 条，置疑 2 条（已修复 2 条）'],
    ]);
  });

  it('R-2.2 gives a batch imported again by a new run its own start line', async () => {
    const batch = await newBatch();
    await startBatch(db, batch.id, 'run-1');
    await startBatch(db, batch.id, 'run-2');
    expect((await lines(batch.id)).map(([kind]) => kind)).toEqual(['PROCESSING', 'PROCESSING']);
  });

  it('R-1.3 fails a batch with its reason and leaves none of its records', async () => {
    const batch = await newBatch();
    await startBatch(db, batch.id, 'run-1');
    await db.creditRecord.create({
      data: {
        catalogId,
        catalogVersionId: versionId,
        providerDeptId: deptId,
        naturalKey: `lifecycle-${batch.id}`,
        fingerprint: batch.id,
        data: { subjectName: '测试单位' },
        batchId: batch.id,
        rowNumber: 2,
      },
    });
    await failBatch(db, batch.id, '文件无法读取');
    await failBatch(db, batch.id, '文件无法读取');

    const after = await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(after).toMatchObject({ status: 'FAILED', error: '文件无法读取' });
    expect(await db.creditRecord.count({ where: { batchId: batch.id } })).toBe(0);
    expect((await lines(batch.id)).at(-1)).toEqual(['FAILED', '导入失败：文件无法读取']);
    expect((await lines(batch.id)).filter(([kind]) => kind === 'FAILED')).toHaveLength(1);
  });
});

describe('an explanation recorded by the workflow', () => {
  it('R-2.3 writes one line for the rows explained, and none for an action that explained nothing', async () => {
    const batch = await newBatch({ rowsSuspect: 3 });
    const items = await Promise.all(
      (['EXPLAINED', 'EXPLAINED', 'OPEN'] as const).map((status, i) =>
        db.suspectItem.create({
          data: { batchId: batch.id, rowNumber: i + 2, rowSealed: sealJson({}), problems: [], status },
        }),
      ),
    );
    const actor = { id: crypto.randomUUID(), name: '张经办' };
    const centre = await db.department.findUniqueOrThrow({ where: { code: 'XYZX' } });

    const input = { batchId: batch.id, itemIds: items.map((i) => i.id), actor };
    const result = await recordExplanations(db, input, 'run-1:7');
    await recordExplanations(db, input, 'run-1:7');
    expect(result).toEqual({ explainedNow: 2, centreDeptId: centre.id, open: 1, explained: 2, remaining: 3 });

    const none = await recordExplanations(db, { ...input, itemIds: [items[2]!.id] }, 'run-1:9');
    expect(none.explainedNow).toBe(0);
    expect(await lines(batch.id)).toEqual([
      ['FIX_EXPLAINED', '张经办 对 2 条置疑数据说明理由，申请县发改委（信用中心）确认'],
    ]);
  });
});
