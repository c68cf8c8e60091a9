// 三权分立 (GB/T 22239-2019 §8.1.4.2 d): administration is split into three duties and
// no role, and no user through several roles, may hold permissions of two of them.
//
//   duty      holder          permissions
//   SYSTEM    系统管理员      admin:departments, admin:users, admin:settings, admin:menus, admin:dictionary,
//                             backup:* (the other admin:* permissions too, as they are added)
//   SECURITY  安全管理员      admin:roles (roles, function permissions, data scope, column grants, user roles)
//   AUDIT     审计管理员      audit:* (reading the audit log; it cannot be cleared by anyone)
//
// So the one who grants permissions never reads the log that records the grant, and the one who creates
// accounts never decides what they may do. Business permissions (inbox, batch, data, record, catalog) belong
// to no duty. Two more rules live in the services: nobody changes their own roles or a role they hold, and
// nobody disables, re-enables or resets their own account through administration.

export type Duty = 'SYSTEM' | 'SECURITY' | 'AUDIT';

export const DUTY_LABEL: Record<Duty, string> = { SYSTEM: '系统管理', SECURITY: '安全管理（授权）', AUDIT: '审计管理' };

export function dutyOf(permission: string): Duty | null {
  if (permission === 'admin:roles') return 'SECURITY';
  if (permission.startsWith('audit:')) return 'AUDIT';
  if (permission.startsWith('admin:') || permission.startsWith('backup:')) return 'SYSTEM';
  return null;
}

/** The duties a set of permissions touches. */
export function dutiesOf(permissions: Iterable<string>): Set<Duty> {
  const duties = new Set<Duty>();
  for (const p of permissions) {
    const d = dutyOf(p);
    if (d) duties.add(d);
  }
  return duties;
}

/** Why this set of permissions breaks 三权分立, or null when it does not. */
export function separationViolation(permissions: Iterable<string>): string | null {
  const duties = [...dutiesOf(permissions)];
  if (duties.length <= 1) return null;
  return `三权分立：${duties.map((d) => DUTY_LABEL[d]).join('与')}权限不能由同一角色或同一用户兼有`;
}
