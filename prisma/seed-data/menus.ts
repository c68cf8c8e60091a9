// The navigation of a new installation: modules as top-level entries, administration as a group.
// Administrators rename, reorder, move and switch entries off at run time; the seed never overwrites that.

export interface SeedMenu {
  code: string;
  label: string;
  href: string | null;
  parentCode: string | null;
  permission: string | null;
  sortOrder: number;
}

export const menus: SeedMenu[] = [
  { code: 'home', label: '工作台首页', href: '/home', parentCode: null, permission: null, sortOrder: 0 },
  { code: 'inbox', label: '待办任务', href: '/inbox', parentCode: null, permission: 'inbox:view', sortOrder: 10 },
  { code: 'batches', label: '数据归集', href: '/batches', parentCode: null, permission: 'batch:view', sortOrder: 20 },
  {
    code: 'records',
    label: '信用记录查询',
    href: '/records',
    parentCode: null,
    permission: 'record:view',
    sortOrder: 30,
  },
  // 主体查询: one subject's records across catalogs, for the same users as the records list.
  {
    code: 'subjects',
    label: '主体查询',
    href: '/subjects',
    parentCode: null,
    permission: 'record:view',
    sortOrder: 28,
  },
  { code: 'stats', label: '统计分析', href: '/stats', parentCode: null, permission: 'stats:view', sortOrder: 40 },
  {
    code: 'content',
    label: '新闻公告',
    href: '/admin/content',
    parentCode: null,
    permission: 'content:manage',
    sortOrder: 50,
  },
  { code: 'admin', label: '系统管理', href: null, parentCode: null, permission: null, sortOrder: 90 },
  {
    code: 'admin-departments',
    label: '部门管理',
    href: '/admin/departments',
    parentCode: 'admin',
    permission: 'admin:departments',
    sortOrder: 10,
  },
  {
    code: 'admin-users',
    label: '用户管理',
    href: '/admin/users',
    parentCode: 'admin',
    permission: 'admin:users',
    sortOrder: 20,
  },
  // The security administrator reaches the same list to assign roles (三权分立: accounts vs. grants).
  {
    code: 'admin-user-roles',
    label: '用户授权',
    href: '/admin/users',
    parentCode: 'admin',
    permission: 'admin:roles',
    sortOrder: 25,
  },
  {
    code: 'admin-roles',
    label: '角色与权限',
    href: '/admin/roles',
    parentCode: 'admin',
    permission: 'admin:roles',
    sortOrder: 30,
  },
  {
    code: 'admin-menus',
    label: '菜单与按钮',
    href: '/admin/menus',
    parentCode: 'admin',
    permission: 'admin:menus',
    sortOrder: 40,
  },
  {
    code: 'admin-dictionary',
    label: '数据字典',
    href: '/admin/dictionary',
    parentCode: 'admin',
    permission: 'admin:dictionary',
    sortOrder: 50,
  },
  {
    code: 'admin-settings',
    label: '流程参数',
    href: '/admin/settings',
    parentCode: 'admin',
    permission: 'admin:settings',
    sortOrder: 55,
  },
  {
    code: 'admin-mail',
    label: '邮件记录',
    href: '/admin/mail',
    parentCode: 'admin',
    permission: 'admin:mail',
    sortOrder: 58,
  },
  {
    code: 'admin-representatives',
    label: '代表组织确认',
    href: '/admin/representatives',
    parentCode: 'admin',
    permission: 'subject:confirm-representative',
    sortOrder: 59,
  },
  {
    code: 'admin-logs',
    label: '日志审计',
    href: '/admin/logs',
    parentCode: 'admin',
    permission: 'audit:view',
    sortOrder: 60,
  },
  {
    code: 'admin-backups',
    label: '数据备份',
    href: '/admin/backups',
    parentCode: 'admin',
    permission: 'backup:manage',
    sortOrder: 70,
  },
];
