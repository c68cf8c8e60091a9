// Function permissions (module:operation), operation buttons and the built-in roles. Roles, menus and
// buttons are data: administrators change them at run time; these lists seed a new installation and name
// what code checks.

export const PERMISSIONS = [
  { code: 'inbox:view', module: 'inbox', name: '查看待办' },
  { code: 'batch:view', module: 'batch', name: '查看归集批次' },
  { code: 'data:import', module: 'data', name: '上传归集数据' },
  { code: 'data:fix', module: 'data', name: '修复置疑数据' },
  { code: 'data:review', module: 'data', name: '审核置疑说明与中心反馈' },
  { code: 'record:view', module: 'record', name: '查询信用记录' },
  { code: 'subject:restrict', module: 'subject', name: '设置与解除受控主体' },
  { code: 'catalog:view', module: 'catalog', name: '查看信用信息目录' },
  { code: 'catalog:manage', module: 'catalog', name: '管理信用信息目录' },
  { code: 'admin:departments', module: 'admin', name: '管理部门' },
  { code: 'admin:users', module: 'admin', name: '管理用户' },
  { code: 'admin:roles', module: 'admin', name: '管理角色与授权' },
  { code: 'admin:settings', module: 'admin', name: '配置流程参数' },
  { code: 'admin:menus', module: 'admin', name: '管理菜单与按钮' },
  { code: 'admin:dictionary', module: 'admin', name: '维护数据字典' },
  { code: 'audit:view', module: 'audit', name: '查看审计日志' },
  { code: 'audit:export', module: 'audit', name: '导出审计日志' },
  { code: 'stats:view', module: 'stats', name: '查看统计分析' },
  { code: 'backup:manage', module: 'backup', name: '数据备份与恢复演练' },
  { code: 'personal:reveal', module: 'personal', name: '查看个人敏感信息明文' },
  { code: 'content:manage', module: 'content', name: '管理新闻公告' },
  { code: 'admin:mail', module: 'admin', name: '查看平台发出的邮件' },
  { code: 'subject:confirm-representative', module: 'subject', name: '确认公众账号代表的组织' },
] as const;

export type PermissionCode = (typeof PERMISSIONS)[number]['code'];

export const PERMISSION_CODES = new Set<string>(PERMISSIONS.map((p) => p.code));

export type Scope = 'OWN' | 'OWN_AND_SUB' | 'SHARED' | 'ALL';

/**
 * Operation buttons the code honours: a button is shown, and its action allowed, only while the operation
 * is enabled (Operation.enabled, R-7.5) and the user holds its permission. `locked` operations cannot be
 * disabled, so an administrator can never switch off the switch itself.
 */
export const OPERATIONS = [
  { code: 'department.create', label: '新建部门', permission: 'admin:departments', menu: 'admin-departments' },
  { code: 'department.edit', label: '编辑部门', permission: 'admin:departments', menu: 'admin-departments' },
  { code: 'department.move', label: '移动部门', permission: 'admin:departments', menu: 'admin-departments' },
  { code: 'department.delete', label: '删除部门', permission: 'admin:departments', menu: 'admin-departments' },
  { code: 'user.create', label: '新建用户', permission: 'admin:users', menu: 'admin-users' },
  { code: 'user.edit', label: '编辑用户', permission: 'admin:users', menu: 'admin-users' },
  { code: 'user.disable', label: '停用/启用用户', permission: 'admin:users', menu: 'admin-users' },
  { code: 'user.resetPassword', label: '重置密码', permission: 'admin:users', menu: 'admin-users' },
  { code: 'user.unlock', label: '解除锁定', permission: 'admin:users', menu: 'admin-users' },
  { code: 'user.resetTotp', label: '重置验证器', permission: 'admin:users', menu: 'admin-users' },
  { code: 'user.assignRoles', label: '分配角色', permission: 'admin:roles', menu: 'admin-users' },
  { code: 'role.create', label: '新建角色', permission: 'admin:roles', menu: 'admin-roles' },
  { code: 'role.edit', label: '编辑角色与授权', permission: 'admin:roles', menu: 'admin-roles' },
  { code: 'role.delete', label: '删除角色', permission: 'admin:roles', menu: 'admin-roles' },
  { code: 'role.grantColumns', label: '配置列权限', permission: 'admin:roles', menu: 'admin-roles' },
  { code: 'menu.edit', label: '编辑菜单与按钮', permission: 'admin:menus', menu: 'admin-menus', locked: true },
  { code: 'dictionary.edit', label: '编辑字典项', permission: 'admin:dictionary', menu: 'admin-dictionary' },
  { code: 'settings.edit', label: '修改账号安全设置', permission: 'admin:settings', menu: 'admin-users' },
] as const satisfies readonly {
  code: string;
  label: string;
  permission: PermissionCode;
  menu: string;
  locked?: boolean;
}[];

export type OperationCode = (typeof OPERATIONS)[number]['code'];

export function operationDef(code: string) {
  return OPERATIONS.find((o) => o.code === code);
}

// 三权分立 (lib/auth/separation.ts): the system administrator manages the organisation, accounts and
// configuration, the security administrator grants roles and permissions, the audit administrator reads
// the log; no role (and no user) does two of these.
export const BUILTIN_ROLES: { code: string; name: string; dataScope: Scope; permissions: PermissionCode[] }[] = [
  {
    code: 'SYS_ADMIN',
    name: '系统管理员',
    dataScope: 'ALL',
    permissions: [
      'admin:departments',
      'admin:users',
      'admin:settings',
      'admin:menus',
      'admin:dictionary',
      'catalog:view',
      'catalog:manage',
      'backup:manage',
      'admin:mail',
    ],
  },
  { code: 'SECURITY_ADMIN', name: '安全管理员', dataScope: 'OWN', permissions: ['admin:roles'] },
  { code: 'AUDIT_ADMIN', name: '审计管理员', dataScope: 'OWN', permissions: ['audit:view', 'audit:export'] },
  {
    code: 'CENTRE_STAFF',
    name: '信用中心业务员',
    dataScope: 'ALL',
    permissions: [
      'inbox:view',
      'batch:view',
      'data:import',
      'data:fix',
      'data:review',
      'record:view',
      'subject:restrict',
      'subject:confirm-representative',
      'catalog:view',
      'personal:reveal',
      'stats:view',
      // The credit centre runs the public site's news and notices; no administration duty.
      'content:manage',
    ],
  },
  {
    code: 'DEPT_OPERATOR',
    name: '部门数据报送员',
    dataScope: 'OWN',
    permissions: ['inbox:view', 'batch:view', 'data:import', 'data:fix', 'catalog:view'],
  },
  {
    code: 'DEPT_LEADER',
    name: '部门负责人',
    dataScope: 'OWN_AND_SUB',
    permissions: ['inbox:view', 'batch:view', 'record:view', 'catalog:view', 'stats:view'],
  },
];
