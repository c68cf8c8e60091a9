// Function permissions (module:operation) and the built-in roles. Roles are data: administrators can add
// and change roles at run time; this list seeds a new installation and names what code checks.

export const PERMISSIONS = [
  { code: 'inbox:view', module: 'inbox', name: '查看待办' },
  { code: 'batch:view', module: 'batch', name: '查看归集批次' },
  { code: 'data:import', module: 'data', name: '上传归集数据' },
  { code: 'data:fix', module: 'data', name: '修复置疑数据' },
  { code: 'record:view', module: 'record', name: '查询信用记录' },
  { code: 'catalog:view', module: 'catalog', name: '查看信用信息目录' },
  { code: 'catalog:manage', module: 'catalog', name: '管理信用信息目录' },
  { code: 'admin:departments', module: 'admin', name: '管理部门' },
  { code: 'admin:users', module: 'admin', name: '管理用户' },
  { code: 'admin:roles', module: 'admin', name: '管理角色与授权' },
  { code: 'admin:settings', module: 'admin', name: '配置流程参数' },
  { code: 'audit:view', module: 'audit', name: '查看审计日志' },
] as const;

export type PermissionCode = (typeof PERMISSIONS)[number]['code'];

type Scope = 'OWN' | 'OWN_AND_SUB' | 'SHARED' | 'ALL';

// 三权分立: the system administrator manages accounts, the security administrator grants permissions,
// the audit administrator reads the log; no role does two of these.
export const BUILTIN_ROLES: { code: string; name: string; dataScope: Scope; permissions: PermissionCode[] }[] = [
  {
    code: 'SYS_ADMIN',
    name: '系统管理员',
    dataScope: 'ALL',
    permissions: ['admin:departments', 'admin:users', 'admin:settings', 'catalog:view', 'catalog:manage'],
  },
  { code: 'SECURITY_ADMIN', name: '安全管理员', dataScope: 'OWN', permissions: ['admin:roles'] },
  { code: 'AUDIT_ADMIN', name: '审计管理员', dataScope: 'OWN', permissions: ['audit:view'] },
  {
    code: 'CENTRE_STAFF',
    name: '信用中心业务员',
    dataScope: 'ALL',
    permissions: ['inbox:view', 'batch:view', 'data:import', 'data:fix', 'record:view', 'catalog:view'],
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
    permissions: ['inbox:view', 'batch:view', 'record:view', 'catalog:view'],
  },
];
