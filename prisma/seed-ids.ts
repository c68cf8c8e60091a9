// Fixed demo identities of the seed, relied on by the README, `npm start`'s banner and the e2e tests.

/** Password of every demo account except the administrators, which must change theirs at first login. */
export const DEMO_PASSWORD = 'Wuzhi@Demo2026';
export const ADMIN_INITIAL_PASSWORD = 'Admin@Wuzhi2026';

export const DEMO_LOGINS: { username: string; password: string; role: string; department: string }[] = [
  { username: 'admin', password: ADMIN_INITIAL_PASSWORD, role: '系统管理员（首次登录须改密码）', department: 'XYZX' },
  { username: 'xyzx01', password: DEMO_PASSWORD, role: '信用中心业务员', department: 'XYZX' },
  { username: 'scjgj01', password: DEMO_PASSWORD, role: '市场监管局数据报送员', department: 'SCJGJ' },
  { username: 'swj01', password: DEMO_PASSWORD, role: '税务局数据报送员', department: 'SWJ' },
  { username: 'scjgj_lead', password: DEMO_PASSWORD, role: '市场监管局负责人', department: 'SCJGJ' },
  {
    username: 'security',
    password: ADMIN_INITIAL_PASSWORD,
    role: '安全管理员（首次登录须改密码）',
    department: 'XYZX',
  },
  { username: 'auditor', password: ADMIN_INITIAL_PASSWORD, role: '审计管理员（首次登录须改密码）', department: 'XYZX' },
];
