// 数据字典: code tables used by catalog fields, edited with a full history. Items are never deleted
// — stored records refer to their codes — they are disabled, and an import then rejects the code.
import { db, type Prisma } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { auditChange, conflictOn, requireAnyPermission, requireOperation, type AdminContext } from './guard';
import type { CodeItemCreate, CodeItemUpdate } from './schemas';

type ItemState = { label: string; sortOrder: number; enabled: boolean };

export async function listCodeTables(ctx: AdminContext) {
  await requireAnyPermission(ctx, 'admin:dictionary');
  const tables = await db.codeTable.findMany({
    orderBy: { code: 'asc' },
    include: { _count: { select: { items: true } } },
  });
  return tables.map((t) => ({ code: t.code, name: t.name, itemCount: t._count.items }));
}

export async function getCodeTable(ctx: AdminContext, tableCode: string) {
  await requireAnyPermission(ctx, 'admin:dictionary');
  const table = await db.codeTable.findUnique({
    where: { code: tableCode },
    include: { items: { orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] } },
  });
  if (!table) throw new NotFoundError('字典不存在');
  const history = await db.codeItemRevision.findMany({
    where: { tableCode },
    orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
    take: 100,
  });
  return { ...table, history };
}

export async function createCodeItem(ctx: AdminContext, tableCode: string, input: CodeItemCreate) {
  await requireOperation(ctx, 'dictionary.edit');
  const table = await db.codeTable.findUnique({
    where: { code: tableCode },
    include: { _count: { select: { items: true } } },
  });
  if (!table) throw new NotFoundError('字典不存在');
  const after: ItemState = { label: input.label, sortOrder: input.sortOrder ?? table._count.items, enabled: true };
  await db
    .$transaction(async (tx) => {
      await tx.codeItem.create({ data: { tableCode, code: input.code, ...after } });
      await tx.codeItemRevision.create({
        data: { tableCode, code: input.code, revision: 1, action: 'CREATE', after, ...who(ctx) },
      });
    })
    .catch((e: unknown) => conflictOn(e, `字典项编码“${input.code}”已存在`));
  await auditChange(ctx, 'DICTIONARY_ITEM_CREATE', 'CodeItem', `${tableCode}:${input.code}`, after);
}

export async function updateCodeItem(ctx: AdminContext, tableCode: string, code: string, input: CodeItemUpdate) {
  await requireOperation(ctx, 'dictionary.edit');
  await db
    .$transaction(async (tx) => {
      // Row lock: two simultaneous edits get consecutive revision numbers, not the same one.
      const rows = await tx.$queryRaw<ItemState[]>`
        SELECT label, "sortOrder", enabled FROM "CodeItem"
        WHERE "tableCode" = ${tableCode} AND code = ${code} FOR UPDATE`;
      const current = rows[0];
      if (!current) throw new NotFoundError('字典项不存在');
      const before: ItemState = { label: current.label, sortOrder: current.sortOrder, enabled: current.enabled };
      const after: ItemState = { ...before, ...input };
      const last = await tx.codeItemRevision.findFirst({
        where: { tableCode, code },
        orderBy: { revision: 'desc' },
        select: { revision: true },
      });
      await tx.codeItem.update({ where: { tableCode_code: { tableCode, code } }, data: after });
      await tx.codeItemRevision.create({
        data: {
          tableCode,
          code,
          revision: (last?.revision ?? 0) + 1,
          action: 'UPDATE',
          before: before as Prisma.InputJsonValue,
          after,
          ...who(ctx),
        },
      });
      return { before, after };
    })
    .then(({ before, after }) =>
      auditChange(ctx, 'DICTIONARY_ITEM_UPDATE', 'CodeItem', `${tableCode}:${code}`, { before, after }),
    );
}

const who = (ctx: AdminContext) => ({ changedById: ctx.actor.id, changedByName: ctx.actor.displayName });
