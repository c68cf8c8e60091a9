// The county department tree of the demo installation: the credit centre at the root, providing departments
// below it. Codes are stable identifiers referenced by catalogs (providerDeptCodes), users and exchange nodes.

export interface SeedDepartment {
  code: string;
  name: string;
  kind: 'CENTRE' | 'DEPARTMENT' | 'SUBUNIT';
  parentCode: string | null;
  sortOrder: number;
}

const children: [code: string, name: string][] = [
  ['SCJGJ', '县市场监管局'],
  ['SWJ', '国家税务总局武陟县税务局'],
  ['RSJ', '县人社局'],
  ['FY', '县人民法院'],
  ['ZJJ', '县住建局'],
  ['STHJJ', '焦作市生态环境局武陟分局'],
  ['WJW', '县卫健委'],
  ['JYJ', '县教育局'],
  ['SFJ', '县司法局'],
  ['JTYSJ', '县交通运输局'],
  ['YJGLJ', '县应急管理局'],
  ['GAJ', '县公安局'],
];

export const departments: SeedDepartment[] = [
  { code: 'XYZX', name: '县发改委（信用中心）', kind: 'CENTRE', parentCode: null, sortOrder: 0 },
  ...children.map(([code, name], i): SeedDepartment => ({
    code,
    name,
    kind: 'DEPARTMENT',
    parentCode: 'XYZX',
    sortOrder: i + 1,
  })),
  { code: 'SCJGJ_MQ', name: '木城市场监管所', kind: 'SUBUNIT', parentCode: 'SCJGJ', sortOrder: 1 },
];
