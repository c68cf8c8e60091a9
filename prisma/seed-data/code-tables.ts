// Code tables (数据字典) used by catalog fields. Codes follow the 2019+ national 双公示 template so that
// department files can be loaded without translation.

import { CERT_TYPES } from '../../lib/identifiers/cert-number';

export interface SeedCodeTable {
  code: string;
  name: string;
  items: { code: string; label: string }[];
}

export const codeTables: SeedCodeTable[] = [
  {
    code: 'subject_category',
    name: '行政相对人类别',
    items: [
      { code: '01', label: '自然人' },
      { code: '02', label: '法人' },
      { code: '03', label: '非法人组织' },
      { code: '04', label: '个体工商户' },
    ],
  },
  {
    code: 'cert_type',
    name: '证件类型',
    items: CERT_TYPES.map((t) => ({ code: t.code, label: t.label })),
  },
  {
    // The kinds of 《行政处罚法》(2021) art. 9, in the order of the law.
    code: 'penalty_category',
    name: '处罚类别',
    items: [
      '警告',
      '通报批评',
      '罚款',
      '没收违法所得',
      '没收非法财物',
      '暂扣许可证件',
      '降低资质等级',
      '吊销许可证件',
      '限制开展生产经营活动',
      '责令停产停业',
      '责令关闭',
      '限制从业',
      '行政拘留',
      '其他',
    ].map((label, i) => ({ code: String(i + 1).padStart(2, '0'), label })),
  },
  {
    code: 'license_category',
    name: '许可类别',
    items: [
      { code: '01', label: '普通' },
      { code: '02', label: '特许' },
      { code: '03', label: '认可' },
      { code: '04', label: '核准' },
      { code: '05', label: '登记' },
      { code: '06', label: '其他' },
    ],
  },
  {
    // 行政许可 当前状态 of the national template.
    code: 'license_status',
    name: '许可当前状态',
    items: [
      { code: '1', label: '有效' },
      { code: '2', label: '无效' },
    ],
  },
  {
    // Matters because Henan does not report 简易程序 penalties against natural persons.
    code: 'procedure_type',
    name: '案件程序类别',
    items: [
      { code: '01', label: '简易程序' },
      { code: '02', label: '一般程序' },
    ],
  },
];
