// The signed-in user of an administration page and the context its services need; a page is allowed
// when the user holds any one of the listed permissions (the services check each action again).
import 'server-only';
import { clientIp, staffPage } from '@/app/_lib/session';
import type { AdminContext } from '@/lib/admin/guard';
import type { CurrentUser } from '@/lib/auth/load-user';
import type { PermissionCode } from '@/lib/auth/permissions';

export async function adminPage(
  ...permissions: PermissionCode[]
): Promise<{ user: CurrentUser; ctx: AdminContext; allowed: boolean }> {
  const { user } = await staffPage();
  return {
    user,
    ctx: { actor: user, ip: await clientIp() },
    allowed: permissions.some((p) => user.permissions.has(p)),
  };
}

export const DEPT_KIND_LABEL: Record<string, string> = { CENTRE: '信用中心', DEPARTMENT: '部门', SUBUNIT: '下属单位' };

export const SCOPE_LABEL: Record<string, string> = {
  OWN: '本部门',
  OWN_AND_SUB: '本部门及下级',
  SHARED: '本部门及共享部门',
  ALL: '全部部门',
};
