// Catalog versions on the real database and worker: a draft is edited, published, then immutable —
// refused by the service and by the database trigger alike; a new version supersedes it; records and
// batches keep the version they were checked against.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminContext } from '../../lib/admin/guard';
import { loadUser } from '../../lib/auth/load-user';
import { createCatalog } from '../../lib/catalog/admin/catalogs';
import type { DraftInput, FieldInput } from '../../lib/catalog/admin/schemas';
import {
  createDraft,
  deleteDraft,
  getVersion,
  publishVersion,
  retireVersion,
  saveDraft,
} from '../../lib/catalog/admin/versions';
import { db } from '../../lib/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { makeUscc } from '../../lib/identifiers/uscc';
import { uploadAs } from '../support/run-batch';
import { waitForBatchStatus } from '../support/wait';

const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
const code = `T_CAT_${Date.now().toString(36).toUpperCase()}`;
let admin: AdminContext;

const field = (key: string, label: string, over: Partial<FieldInput> = {}): FieldInput => ({
  key,
  label,
  type: 'TEXT',
  required: false,
  maxLength: 200,
  pattern: null,
  codeTable: null,
  note: null,
  aliases: [],
  personal: false,
  visibility: 'PUBLIC',
  ...over,
});

const v1: DraftInput = {
  fields: [
    field('subjectName', '主体名称', { required: true }),
    field('uscc', '统一社会信用代码', { type: 'USCC', required: true, maxLength: 18 }),
    field('decisionNumber', '文书号', { required: true, maxLength: 64 }),
    field('decisionDate', '决定日期', { type: 'DATE', required: true, maxLength: null }),
  ],
  naturalKey: ['uscc', 'decisionNumber'],
  rules: [{ kind: 'notFuture', field: 'decisionDate' }],
  timelinessWorkdays: null,
  publicityRule: { kind: 'period', from: 'decisionDate', minMonths: 3, maxMonths: 12 },
  changeNote: '测试目录',
};

async function writeRows(name: string, header: string[], rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('数据');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

const org = (n: number) => ({
  name: `版本测试企业${n}有限公司`,
  uscc: makeUscc('91410823', `MA9W${String(n).padStart(4, '0')}`),
});

beforeAll(async () => {
  admin = { actor: (await loadUser({ username: 'admin' }))!, ip: '127.0.0.1' };
  await createCatalog(admin, {
    code,
    name: `版本测试目录${code}`,
    subjectKind: 'ORG',
    category: 'PUBLIC',
    sensitivity: 'PUBLIC',
    description: null,
    providerDeptCodes: ['SCJGJ'],
  });
});

afterAll(() => db.$disconnect());

describe('catalog versions', () => {
  let v1Id = '';
  let firstBatch = '';

  it('R-4.0 opens a new catalog with an empty draft and refuses a draft that breaks the rules', async () => {
    const draft = await getVersion(admin, code, 1);
    expect(draft.status).toBe('DRAFT');
    expect(draft.fields).toHaveLength(0);
    const broken = { ...v1, naturalKey: ['uscc', 'ghost'] };
    const err = await saveDraft(admin, code, 1, broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((err as ValidationError).details)).toContain('唯一标识引用了不存在的字段“ghost”');
    await expect(publishVersion(admin, code, 1)).rejects.toBeInstanceOf(ValidationError); // no fields yet
  });

  it('R-4.0 R-8.2 lets only catalog administrators change catalogs', async () => {
    const operator = { actor: (await loadUser({ username: 'scjgj01' }))!, ip: null };
    await expect(saveDraft(operator, code, 1, v1)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createDraft(operator, code)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('R-4.0 publishes a valid draft, which then refuses every change in the service and in the database', async () => {
    await saveDraft(admin, code, 1, v1);
    await publishVersion(admin, code, 1);
    const published = await getVersion(admin, code, 1);
    v1Id = published.id;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedById).toBe(admin.actor.id);
    expect(published.draft.fields.map((f) => f.key)).toEqual(['subjectName', 'uscc', 'decisionNumber', 'decisionDate']);

    await expect(saveDraft(admin, code, 1, v1)).rejects.toBeInstanceOf(ConflictError);
    await expect(publishVersion(admin, code, 1)).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteDraft(admin, code, 1)).rejects.toBeInstanceOf(ConflictError);
    // Whoever writes: the trigger refuses field and version changes of a published version.
    await expect(
      db.catalogField.updateMany({ where: { versionId: v1Id }, data: { label: '改过的名称' } }),
    ).rejects.toThrow(/frozen/);
    await expect(db.catalogField.deleteMany({ where: { versionId: v1Id } })).rejects.toThrow(/frozen/);
    await expect(
      db.catalogField.create({ data: { ...field('late', '后加字段'), versionId: v1Id, sortOrder: 99 } }),
    ).rejects.toThrow(/frozen/);
    await expect(db.catalogVersion.update({ where: { id: v1Id }, data: { naturalKey: ['uscc'] } })).rejects.toThrow(
      /immutable/,
    );
    await expect(db.catalogVersion.update({ where: { id: v1Id }, data: { status: 'DRAFT' } })).rejects.toThrow(
      /cannot go from PUBLISHED to DRAFT/,
    );
    await expect(db.catalogVersion.delete({ where: { id: v1Id } })).rejects.toThrow(/only a draft/);
    const fields = await db.catalogField.findMany({ where: { versionId: v1Id } });
    expect(fields.map((f) => f.label)).not.toContain('改过的名称');
    expect(fields).toHaveLength(4);
  });

  it('R-4.0 R-2.2 checks a batch against the published version and keeps it on every record', async () => {
    const file = await writeRows(
      'v1.xlsx',
      ['主体名称', '统一社会信用代码', '文书号', '决定日期'],
      [1, 2].map((n) => [org(n).name, org(n).uscc, `版测〔2026〕${n}号`, '2026-10-01']),
    );
    firstBatch = (await uploadAs('scjgj01', code, file)).id;
    const batch = await waitForBatchStatus(firstBatch, ['COMPLETED', 'RETURNED', 'FAILED']);
    expect(batch.status).toBe('COMPLETED');
    expect(batch.catalogVersionId).toBe(v1Id);
    const records = await db.creditRecord.findMany({ where: { batchId: firstBatch } });
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.catalogVersionId === v1Id)).toBe(true);
  });

  it('R-4.0 lets a record hold only a version of its own catalog, in the database itself', async () => {
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId: firstBatch } });
    const foreign = await db.catalogVersion.findFirstOrThrow({ where: { catalogId: { not: record.catalogId } } });
    await expect(
      db.creditRecord.update({ where: { id: record.id }, data: { catalogVersionId: foreign.id } }),
    ).rejects.toThrow(/foreign key|CreditRecord_catalogVersionId_catalogId_fkey/i);
    expect((await db.creditRecord.findUniqueOrThrow({ where: { id: record.id } })).catalogVersionId).toBe(v1Id);
  });

  it('R-4.0 opens version 2 as a copy, publishes it over version 1, and new batches use it while old records keep version 1', async () => {
    const { version } = await createDraft(admin, code);
    expect(version).toBe(2);
    await expect(createDraft(admin, code)).rejects.toBeInstanceOf(ConflictError); // one draft at a time
    const copy = await getVersion(admin, code, 2);
    expect(copy.status).toBe('DRAFT');
    expect(copy.draft.fields).toEqual(v1.fields.map((f) => ({ ...f })));
    await saveDraft(admin, code, 2, { ...copy.draft, fields: [...copy.draft.fields, field('remark', '备注')] });
    await publishVersion(admin, code, 2);

    const [first, second] = await Promise.all([getVersion(admin, code, 1), getVersion(admin, code, 2)]);
    expect(first.status).toBe('RETIRED');
    expect(first.retiredAt).toBeInstanceOf(Date);
    expect(second.status).toBe('PUBLISHED');

    const file = await writeRows(
      'v2.xlsx',
      ['主体名称', '统一社会信用代码', '文书号', '决定日期', '备注'],
      [[org(3).name, org(3).uscc, '版测〔2026〕3号', '2026-10-02', '第二版新增的列']],
    );
    const batchId = (await uploadAs('scjgj01', code, file)).id;
    const batch = await waitForBatchStatus(batchId, ['COMPLETED', 'RETURNED', 'FAILED']);
    expect(batch.catalogVersionId).toBe(second.id);
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId } });
    expect(record.catalogVersionId).toBe(second.id);
    expect((record.data as Record<string, string>).remark).toBe('第二版新增的列');
    const old = await db.creditRecord.findMany({ where: { batchId: firstBatch } });
    expect(old.every((r) => r.catalogVersionId === v1Id)).toBe(true);
  });

  it('R-4.0 refuses batches against a draft in the database, and new batches once the catalog is retired', async () => {
    const { version } = await createDraft(admin, code);
    const draft = await getVersion(admin, code, version);
    const dept = await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } });
    await expect(
      db.importBatch.create({
        data: {
          number: `T-${Date.now()}`,
          catalogVersionId: draft.id,
          providerDeptId: dept.id,
          source: 'UPLOAD',
          workflowId: `t-${Date.now()}`,
        },
      }),
    ).rejects.toThrow(/not published/);
    await deleteDraft(admin, code, version);
    await expect(getVersion(admin, code, version)).rejects.toBeInstanceOf(NotFoundError);

    await retireVersion(admin, code, 2);
    const file = await writeRows(
      'late.xlsx',
      ['主体名称', '统一社会信用代码', '文书号', '决定日期'],
      [['a', 'b', 'c', 'd']],
    );
    await expect(uploadAs('scjgj01', code, file)).rejects.toThrow(/没有已发布的版本/);
  });
});
