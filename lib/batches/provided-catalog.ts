// Which catalog an upload is for, refused when it does not exist or the user's department does not provide it.
// Checked before an uploaded file is stored (app/api/batches) and again when the batch is opened.
import type { CurrentUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db';
import { ForbiddenError, NotFoundError } from '@/lib/errors';

export async function providedCatalog(user: Pick<CurrentUser, 'departmentId'>, catalogCode: string) {
  const catalog = await db.catalog.findUnique({ where: { code: catalogCode }, include: { providers: true } });
  if (!catalog) throw new NotFoundError('信用信息目录不存在');
  if (!catalog.providers.some((p) => p.departmentId === user.departmentId)) {
    throw new ForbiddenError(`本部门不是目录“${catalog.name}”的数据提供部门`);
  }
  return catalog;
}
