// The life of a catalog version: a draft is edited freely, published once, then immutable — new
// batches use it and their records keep it for good — until a newer version supersedes it or it is retired.
// The database refuses the same changes (trigger CatalogVersion_immutable), whoever the writer.
import { auditChange, type AdminContext } from '@/lib/admin/guard';
import { db, Prisma } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { requireCatalogManage, requireCatalogView } from './catalogs';
import { draftSchema, type DraftInput } from './schemas';
import { validateDraft } from './validate-draft';
import { jsonInput } from '@/lib/db/json-column';
import { readPublicityRule, readRules } from '../json-columns';

type Tx = Prisma.TransactionClient;

const versionInclude = { catalog: true, fields: { orderBy: { sortOrder: 'asc' } } } as const;
type VersionRow = Prisma.CatalogVersionGetPayload<{ include: typeof versionInclude }>;

export async function getVersion(ctx: AdminContext, code: string, version: number) {
  await requireCatalogView(ctx);
  const row = await db.catalogVersion.findFirst({ where: { catalog: { code }, version }, include: versionInclude });
  if (!row) throw new NotFoundError('目录版本不存在');
  return { ...row, draft: draftOf(row) };
}

/** A version's content in the shape the editor and saveDraft use. */
function draftOf(v: Omit<VersionRow, 'catalog'>): DraftInput {
  return {
    fields: v.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      maxLength: f.maxLength,
      pattern: f.pattern,
      codeTable: f.codeTable,
      note: f.note,
      aliases: f.aliases,
      personal: f.personal,
      visibility: f.visibility,
    })),
    naturalKey: v.naturalKey,
    rules: readRules(v.rules),
    timelinessWorkdays: v.timelinessWorkdays,
    publicityRule: readPublicityRule(v.publicityRule),
    changeNote: v.changeNote,
  };
}

/** Opens the next version as a draft, copied from `fromVersion` or the latest non-draft one. One draft at a time. */
export async function createDraft(ctx: AdminContext, code: string, fromVersion?: number): Promise<{ version: number }> {
  await requireCatalogManage(ctx);
  const catalog = await db.catalog.findUnique({
    where: { code },
    include: { versions: { orderBy: { version: 'desc' }, include: { fields: { orderBy: { sortOrder: 'asc' } } } } },
  });
  if (!catalog) throw new NotFoundError('信用信息目录不存在');
  const open = catalog.versions.find((v) => v.status === 'DRAFT');
  if (open) throw new ConflictError(`第 ${open.version} 版草稿尚未发布，请先编辑或删除它`, { version: open.version });
  const source =
    fromVersion === undefined ? catalog.versions[0] : catalog.versions.find((v) => v.version === fromVersion);
  if (fromVersion !== undefined && !source) throw new NotFoundError('要复制的版本不存在');
  const next = (catalog.versions[0]?.version ?? 0) + 1;
  const content = source ? draftOf(source) : null;
  await db
    .$transaction((tx) =>
      writeVersion(tx, catalog.id, next, content, {
        createdById: ctx.actor.id,
        changeNote: source ? `由第 ${source.version} 版修订` : null,
      }),
    )
    .catch((e: unknown) => {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
        throw new ConflictError('其他管理员刚刚创建了新版本，请刷新后重试');
      throw e;
    });
  await auditChange(ctx, 'CATALOG_VERSION_CREATE', 'CatalogVersion', `${code}:v${next}`, {
    from: source?.version ?? null,
  });
  return { version: next };
}

/** Replaces the draft's content after checking it; a published version is refused here and by the database. */
export async function saveDraft(ctx: AdminContext, code: string, version: number, raw: DraftInput): Promise<void> {
  await requireCatalogManage(ctx);
  const draft = draftSchema.parse(raw);
  await assertValid(draft);
  await db.$transaction(async (tx) => {
    const row = await lockVersion(tx, code, version);
    if (row.status !== 'DRAFT') throw new ConflictError('已发布的目录版本不能修改，请新建版本');
    await tx.catalogField.deleteMany({ where: { versionId: row.id } });
    await writeVersion(tx, row.catalogId, version, draft, { id: row.id });
  });
  await auditChange(ctx, 'CATALOG_DRAFT_SAVE', 'CatalogVersion', `${code}:v${version}`, {
    fields: draft.fields.map((f) => f.key),
    naturalKey: draft.naturalKey,
  });
}

export async function deleteDraft(ctx: AdminContext, code: string, version: number): Promise<void> {
  await requireCatalogManage(ctx);
  await db.$transaction(async (tx) => {
    const row = await lockVersion(tx, code, version);
    if (row.status !== 'DRAFT') throw new ConflictError('只能删除草稿');
    await tx.catalogVersion.delete({ where: { id: row.id } });
  });
  await auditChange(ctx, 'CATALOG_DRAFT_DELETE', 'CatalogVersion', `${code}:v${version}`);
}

/** Publishes a valid draft; the version published before it is retired in the same transaction. */
export async function publishVersion(ctx: AdminContext, code: string, version: number): Promise<void> {
  await requireCatalogManage(ctx);
  const superseded = await db.$transaction(async (tx) => {
    const row = await lockVersion(tx, code, version);
    if (row.status !== 'DRAFT') throw new ConflictError('该版本已发布，不能重复发布');
    const fields = await tx.catalogField.findMany({ where: { versionId: row.id }, orderBy: { sortOrder: 'asc' } });
    await assertValid(draftOf({ ...row, fields }), tx);
    const now = new Date();
    const previous = await tx.catalogVersion.findMany({
      where: { catalogId: row.catalogId, status: 'PUBLISHED' },
      select: { id: true, version: true },
    });
    await tx.catalogVersion.updateMany({
      where: { id: { in: previous.map((p) => p.id) } },
      data: { status: 'RETIRED', retiredAt: now },
    });
    await tx.catalogVersion.update({
      where: { id: row.id },
      data: { status: 'PUBLISHED', publishedAt: now, publishedById: ctx.actor.id },
    });
    return previous.map((p) => p.version);
  });
  await auditChange(ctx, 'CATALOG_VERSION_PUBLISH', 'CatalogVersion', `${code}:v${version}`, { superseded });
}

/** Stops new batches of this version; stored records and running batches keep it. */
export async function retireVersion(ctx: AdminContext, code: string, version: number): Promise<void> {
  await requireCatalogManage(ctx);
  await db.$transaction(async (tx) => {
    const row = await lockVersion(tx, code, version);
    if (row.status !== 'PUBLISHED') throw new ConflictError('只能停用已发布的版本');
    await tx.catalogVersion.update({ where: { id: row.id }, data: { status: 'RETIRED', retiredAt: new Date() } });
  });
  await auditChange(ctx, 'CATALOG_VERSION_RETIRE', 'CatalogVersion', `${code}:v${version}`);
}

async function assertValid(draft: DraftInput, tx: Tx | typeof db = db): Promise<void> {
  const tables = await tx.codeTable.findMany({ select: { code: true } });
  const problems = validateDraft(draft, new Set(tables.map((t) => t.code)));
  if (draft.fields.length === 0) problems.unshift({ path: 'fields', message: '至少需要一个字段' });
  if (problems.length) throw new ValidationError(`目录定义有 ${problems.length} 处问题`, { problems });
}

/** Row lock: a publish and a save of the same draft cannot interleave. */
async function lockVersion(tx: Tx, code: string, version: number) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT v.id::text FROM "CatalogVersion" v JOIN "Catalog" c ON c.id = v."catalogId"
    WHERE c.code = ${code} AND v.version = ${version} FOR UPDATE OF v`;
  if (!rows[0]) throw new NotFoundError('目录版本不存在');
  return tx.catalogVersion.findUniqueOrThrow({ where: { id: rows[0].id } });
}

async function writeVersion(
  tx: Tx,
  catalogId: string,
  version: number,
  draft: DraftInput | null,
  meta: { id?: string; createdById?: string; changeNote?: string | null },
): Promise<void> {
  const content = {
    naturalKey: draft?.naturalKey ?? [],
    rules: jsonInput(draft?.rules ?? []),
    timelinessWorkdays: draft?.timelinessWorkdays ?? null,
    publicityRule: (draft?.publicityRule ?? Prisma.DbNull) as Prisma.InputJsonValue | typeof Prisma.DbNull,
  };
  const row = meta.id
    ? await tx.catalogVersion.update({
        where: { id: meta.id },
        data: { ...content, changeNote: draft?.changeNote ?? null },
      })
    : await tx.catalogVersion.create({
        data: { catalogId, version, ...content, createdById: meta.createdById, changeNote: meta.changeNote ?? null },
      });
  if (!draft?.fields.length) return;
  await tx.catalogField.createMany({
    data: draft.fields.map((f, i) => ({ ...f, versionId: row.id, sortOrder: i })),
  });
}
