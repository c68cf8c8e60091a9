// Departments: the multi-level tree, its search, and create / edit / move / delete. A county has
// tens to a few hundred departments, so the tree is built in memory from one query.
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { auditChange, conflictOn, requireAnyPermission, requireOperation, type AdminContext } from './guard';
import type { DepartmentCreate, DepartmentUpdate } from './schemas';

export interface DepartmentNode {
  id: string;
  code: string;
  name: string;
  kind: 'CENTRE' | 'DEPARTMENT' | 'SUBUNIT';
  parentId: string | null;
  sortOrder: number;
  userCount: number;
  children: DepartmentNode[];
}

/** Every department by name, in tree order, for choosing one in a filter. */
export function departmentChoices(): Promise<{ id: string; name: string }[]> {
  return db.department.findMany({ orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } });
}

/** The whole tree, or with `q` only the matching departments and their ancestors (so they stay placed). */
export async function departmentTree(ctx: AdminContext, q?: string): Promise<DepartmentNode[]> {
  await requireAnyPermission(ctx, 'admin:departments', 'admin:users', 'admin:roles');
  const rows = await db.department.findMany({
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    include: { _count: { select: { users: true } } },
  });
  const nodes = new Map<string, DepartmentNode>(
    rows.map((d) => [
      d.id,
      {
        id: d.id,
        code: d.code,
        name: d.name,
        kind: d.kind,
        parentId: d.parentId,
        sortOrder: d.sortOrder,
        userCount: d._count.users,
        children: [],
      },
    ]),
  );
  const roots: DepartmentNode[] = [];
  for (const n of nodes.values()) (n.parentId ? nodes.get(n.parentId)?.children : roots)?.push(n);
  const needle = q?.trim().toLowerCase();
  return needle ? prune(roots, needle) : roots;
}

function prune(nodes: DepartmentNode[], needle: string): DepartmentNode[] {
  return nodes.flatMap((n) => {
    const children = prune(n.children, needle);
    const hit = n.name.toLowerCase().includes(needle) || n.code.toLowerCase().includes(needle);
    return hit || children.length ? [{ ...n, children }] : [];
  });
}

/** Every department as one flat, indented list (for select boxes). */
export function flattenTree(nodes: DepartmentNode[], depth = 0): { id: string; name: string; depth: number }[] {
  return nodes.flatMap((n) => [{ id: n.id, name: n.name, depth }, ...flattenTree(n.children, depth + 1)]);
}

export async function createDepartment(ctx: AdminContext, input: DepartmentCreate) {
  await requireOperation(ctx, 'department.create');
  if (input.parentId) await mustExist(input.parentId);
  const dept = await db.department
    .create({ data: { ...input, uscc: input.uscc || null } })
    .catch((e: unknown) => conflictOn(e, `部门编码“${input.code}”已存在`));
  await auditChange(ctx, 'DEPARTMENT_CREATE', 'Department', dept.id, { code: dept.code, name: dept.name });
  return dept;
}

export async function updateDepartment(ctx: AdminContext, id: string, input: DepartmentUpdate) {
  await requireOperation(ctx, 'department.edit');
  const before = await mustExist(id);
  const dept = await db.department
    .update({ where: { id }, data: { ...input, uscc: input.uscc === undefined ? undefined : input.uscc || null } })
    .catch((e: unknown) => conflictOn(e, `部门编码“${input.code}”已存在`));
  await auditChange(ctx, 'DEPARTMENT_UPDATE', 'Department', id, {
    before: { code: before.code, name: before.name, kind: before.kind, sortOrder: before.sortOrder },
    after: { code: dept.code, name: dept.name, kind: dept.kind, sortOrder: dept.sortOrder },
  });
  return dept;
}

/** Moves a department under another (or to the top); never under itself or one of its own descendants. */
export async function moveDepartment(ctx: AdminContext, id: string, parentId: string | null) {
  await requireOperation(ctx, 'department.move');
  const before = await mustExist(id);
  if (parentId) {
    await mustExist(parentId);
    const cycle = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE t AS (SELECT id FROM "Department" WHERE id = ${id}::uuid
        UNION ALL SELECT d.id FROM "Department" d JOIN t ON d."parentId" = t.id)
      SELECT id::text FROM t WHERE id = ${parentId}::uuid`;
    if (cycle.length) throw new ValidationError('不能把部门移动到它自己或它的下级部门之下');
  }
  const dept = await db.department.update({ where: { id }, data: { parentId } });
  await auditChange(ctx, 'DEPARTMENT_MOVE', 'Department', id, { from: before.parentId, to: parentId });
  return dept;
}

/** Deletes an empty department; refused while it has sub-departments, users, data or grants. */
export async function deleteDepartment(ctx: AdminContext, id: string): Promise<void> {
  await requireOperation(ctx, 'department.delete');
  const dept = await mustExist(id);
  await db
    .$transaction(async (tx) => {
      // Lock the row: a user or batch created meanwhile waits, then fails on the foreign key.
      await tx.$queryRaw`SELECT id FROM "Department" WHERE id = ${id}::uuid FOR UPDATE`;
      const c = await tx.department.findUniqueOrThrow({
        where: { id },
        select: {
          _count: {
            select: {
              children: true,
              users: true,
              batches: true,
              records: true,
              tasks: true,
              catalogGrants: true,
              sharedWith: true,
            },
          },
        },
      });
      const labels: [number, string][] = [
        [c._count.children, '下级部门'],
        [c._count.users, '用户'],
        [c._count.batches, '归集批次'],
        [c._count.records, '信用记录'],
        [c._count.tasks, '待办任务'],
        [c._count.catalogGrants, '目录报送授权'],
        [c._count.sharedWith, '角色共享范围'],
      ];
      const left = labels.filter(([n]) => n > 0).map(([n, label]) => `${label} ${n}`);
      if (left.length) throw new ConflictError(`部门“${dept.name}”仍有${left.join('、')}，不能删除`);
      await tx.department.delete({ where: { id } });
    })
    .catch((e: unknown) => {
      if (e instanceof ConflictError) throw e;
      return conflictOn(e, `部门“${dept.name}”仍有关联数据，不能删除`);
    });
  await auditChange(ctx, 'DEPARTMENT_DELETE', 'Department', id, { code: dept.code, name: dept.name });
}

async function mustExist(id: string) {
  const dept = await db.department.findUnique({ where: { id } });
  if (!dept) throw new NotFoundError('部门不存在');
  return dept;
}
