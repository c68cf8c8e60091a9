// Code tables of the built-in catalogs beyond 双公示 (prisma/seed-data/catalogs-extra.ts). National standards
// where one exists (GB/T 2261.1 性别, GB/T 4658 学历, the market-entity register's 登记状态); elsewhere the
// kinds the national 基础目录 and the sector lists name. Administrators extend them in 数据字典.
import type { SeedCodeTable } from './code-tables';

const numbered = (labels: string[]) => labels.map((label, i) => ({ code: String(i + 1).padStart(2, '0'), label }));

export const extraCodeTables: SeedCodeTable[] = [
  {
    code: 'org_type',
    name: '市场主体类型',
    items: numbered(['企业法人', '非法人企业', '个体工商户', '农民专业合作社', '事业单位', '社会组织', '其他组织']),
  },
  {
    code: 'reg_status',
    name: '登记状态',
    items: numbered(['存续（在营、开业、在册）', '吊销', '注销', '迁出', '撤销', '停业']),
  },
  {
    code: 'gender',
    name: '性别',
    items: [
      { code: '0', label: '未知的性别' },
      { code: '1', label: '男性' },
      { code: '2', label: '女性' },
      { code: '9', label: '未说明的性别' },
    ],
  },
  {
    code: 'education',
    name: '学历',
    items: [
      { code: '10', label: '研究生' },
      { code: '20', label: '大学本科' },
      { code: '30', label: '大学专科' },
      { code: '40', label: '中等专业学校' },
      { code: '60', label: '普通高级中学' },
      { code: '70', label: '初级中学' },
      { code: '80', label: '小学' },
      { code: '90', label: '其他' },
    ],
  },
  {
    code: 'positive_type',
    name: '守信信息类别',
    items: [
      ...numbered(['纳税信用A级纳税人', '荣誉表彰', '守合同重信用企业', '劳动保障守法诚信A级', '海关高级认证企业']),
      { code: '06', label: '信用承诺履约' },
      { code: '99', label: '其他守信信息' },
    ],
  },
  {
    code: 'negative_type',
    name: '失信信息类别',
    items: [
      ...numbered([
        '拖欠农民工工资失信联合惩戒对象名单',
        '失信被执行人',
        '重大税收违法失信主体',
        '市场监督管理严重违法失信名单',
        '安全生产严重失信主体名单',
        '政府采购严重违法失信行为记录名单',
        '经营异常名录',
      ]),
      { code: '99', label: '其他失信信息' },
    ],
  },
  {
    // 国办发〔2025〕22号: 失信信息 is 轻微, 一般 or 严重; the class sets the publicity period.
    code: 'severity_class',
    name: '失信严重程度',
    items: [
      { code: '1', label: '轻微' },
      { code: '2', label: '一般' },
      { code: '3', label: '严重' },
    ],
  },
  {
    code: 'key_group',
    name: '重点人群类别',
    items: [
      ...numbered([
        '公务员',
        '医务人员',
        '教师',
        '律师',
        '会计人员',
        '注册执业人员（建造师、造价师等）',
        '导游',
        '执业药师',
        '企业法定代表人及高级管理人员',
      ]),
      { code: '99', label: '其他' },
    ],
  },
  {
    code: 'practice_status',
    name: '执业状态',
    items: [
      { code: '1', label: '正常执业' },
      { code: '2', label: '暂停执业' },
      { code: '3', label: '注销或吊销' },
      { code: '9', label: '其他' },
    ],
  },
];
