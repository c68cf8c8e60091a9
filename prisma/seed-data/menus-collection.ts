// Navigation entries of the collection screens, added to the seeded menu tree
// (menus.ts) once; administrators move or switch them off like any other entry.
import type { SeedMenu } from './menus';

export const collectionMenus: SeedMenu[] = [
  { code: 'entry', label: '数据录入', href: '/entry', parentCode: null, permission: 'data:import', sortOrder: 25 },
  {
    code: 'admin-catalogs',
    label: '信用信息目录',
    href: '/admin/catalogs',
    parentCode: 'admin',
    permission: 'catalog:manage',
    sortOrder: 45,
  },
  {
    code: 'admin-exchange',
    label: '数据交换',
    href: '/admin/exchange',
    parentCode: 'admin',
    permission: 'admin:settings',
    sortOrder: 55,
  },
];
