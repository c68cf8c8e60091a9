// Catalog administration: the catalogs themselves — code, name, subject kind, category, sensitivity
// and providing departments — and the reads of the administration screens. Versions: ./versions.ts.
import { auditChange, conflictOn, requireAnyPermission, type AdminContext } from '@/lib/admin/guard';
import { db } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { catalogCreateSchema, catalogUpdateSchema, type CatalogCreate, type CatalogUpdate } from './schemas';

export const requireCatalogView = (ctx: AdminContext) => requireAnyPermission(ctx, 'catalog:view', 'catalog:manage');
export const requireCatalogManage = (ctx: AdminContext) => requireAnyPermission(ctx, 'catalog:manage');

export async function listCatalogs(ctx: AdminContext) {
  await requireCatalogView(ctx);
  const catalogs = await db.catalog.findMany({
    orderBy: { code: 'asc' },
    include: {
      providers: { select: { department: { select: { code: true, name: true } } } },
      versions: { select: { version: true, status: true }, orderBy: { version: 'desc' } },
    },
  });
  return catalogs.map((c) => ({
    code: c.code,
    name: c.name,
    subjectKind: c.subjectKind,
    category: c.category,
    sensitivity: c.sensitivity,
    providers: c.providers.map((p) => p.department.name),
    published: c.versions.find((v) => v.status === 'PUBLISHED')?.version ?? null,
    draft: c.versions.find((v) => v.status === 'DRAFT')?.version ?? null,
    versions: c.versions.length,
  }));
}

export async function getCatalog(ctx: AdminContext, code: string) {
  await requireCatalogView(ctx);
  const catalog = await db.catalog.findUnique({
    where: { code },
    include: {
      providers: { select: { department: { select: { id: true, code: true, name: true } } } },
      versions: {
        orderBy: { version: 'desc' },
        include: { _count: { select: { fields: true, batches: true, records: true } } },
      },
    },
  });
  if (!catalog) throw new NotFoundError('信用信息目录不存在');
  return catalog;
}

export async function createCatalog(ctx: AdminContext, raw: CatalogCreate): Promise<{ code: string }> {
  await requireCatalogManage(ctx);
  const input = catalogCreateSchema.parse(raw);
  const providers = await providerIds(input.providerDeptCodes);
  await db
    .$transaction(async (tx) => {
      const catalog = await tx.catalog.create({
        data: {
          code: input.code,
          name: input.name,
          subjectKind: input.subjectKind,
          category: input.category,
          sensitivity: input.sensitivity,
          description: input.description,
          providers: { create: providers.map((departmentId) => ({ departmentId })) },
        },
      });
      // Every catalog starts with an empty draft: fields are defined there, then published.
      await tx.catalogVersion.create({
        data: { catalogId: catalog.id, version: 1, naturalKey: [], createdById: ctx.actor.id, changeNote: '初始版本' },
      });
    })
    .catch((e: unknown) => conflictOn(e, `目录编码“${input.code}”已存在`));
  await auditChange(ctx, 'CATALOG_CREATE', 'Catalog', input.code, { ...input });
  return { code: input.code };
}

/** Name, kind, category, sensitivity and providers are not versioned: they change in place. */
export async function updateCatalog(ctx: AdminContext, code: string, raw: CatalogUpdate): Promise<void> {
  await requireCatalogManage(ctx);
  const input = catalogUpdateSchema.parse(raw);
  const catalog = await db.catalog.findUnique({ where: { code }, include: { providers: true } });
  if (!catalog) throw new NotFoundError('信用信息目录不存在');
  const { providerDeptCodes, ...fields } = input;
  const providers = providerDeptCodes ? await providerIds(providerDeptCodes) : null;
  await db.$transaction(async (tx) => {
    await tx.catalog.update({ where: { id: catalog.id }, data: fields });
    if (providers) {
      await tx.catalogProvider.deleteMany({ where: { catalogId: catalog.id, departmentId: { notIn: providers } } });
      await tx.catalogProvider.createMany({
        data: providers.map((departmentId) => ({ catalogId: catalog.id, departmentId })),
        skipDuplicates: true,
      });
    }
  });
  const before = { providers: catalog.providers.map((p) => p.departmentId) };
  await auditChange(ctx, 'CATALOG_UPDATE', 'Catalog', code, { before, after: { ...input } });
}

async function providerIds(codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const depts = await db.department.findMany({ where: { code: { in: unique } }, select: { id: true, code: true } });
  const unknown = unique.filter((c) => !depts.some((d) => d.code === c));
  if (unknown.length) throw new ValidationError(`部门不存在：${unknown.join('、')}`);
  return depts.map((d) => d.id);
}

/** Departments to choose providers from, and the code tables fields may use. */
export async function catalogChoices(ctx: AdminContext) {
  await requireCatalogView(ctx);
  const [departments, codeTables] = await Promise.all([
    db.department.findMany({ orderBy: { sortOrder: 'asc' }, select: { code: true, name: true, kind: true } }),
    db.codeTable.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } }),
  ]);
  return { departments, codeTables };
}
