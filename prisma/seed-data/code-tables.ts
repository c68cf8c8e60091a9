// Code tables (数据字典) used by catalog fields. Labels follow the current national 双公示 template (the
// edition the provincial systems export, with 法人及非法人组织 as one 行政相对人类别), so department files load
// without translation; the codes are the platform's own and stay stable across editions. What an older edition
// or another system writes for an item is one of its aliases: read as the item, stored as its code (README,
// "Catalog editions"). An installed database is brought along by prisma/migrations/*_national_vocabulary.

import { CERT_TYPES } from '../../lib/identifiers/cert-number';

export interface SeedCodeTable {
  code: string;
  name: string;
  items: { code: string; label: string; aliases?: string[] }[];
}

// 证件类型 as the current template writes it ("护照号") and as people do ("居民身份证").
const CERT_TYPE_ALIASES: Record<string, string[]> = { '01': ['居民身份证'], '02': ['护照号'] };

// 处罚类别 in the words of the 《行政处罚法》 before 2021 (暂扣或者吊销许可证、暂扣或者吊销执照), where a word
// names one kind of today's list. "没收违法所得、没收非法财物" names two and is not guessed.
const PENALTY_ALIASES: Record<string, string[]> = {
  暂扣许可证件: ['暂扣许可证', '暂扣执照'],
  吊销许可证件: ['吊销许可证', '吊销执照', '吊销营业执照'],
  其他: ['法律、行政法规规定的其他行政处罚'],
};

export const codeTables: SeedCodeTable[] = [
  {
    code: 'subject_category',
    name: '行政相对人类别',
    // The current template has one category for every organisation. 03 非法人组织 of the 2019 edition is read
    // as 02; an installation seeded before keeps 03 disabled, with no record left holding it.
    items: [
      { code: '01', label: '自然人' },
      { code: '02', label: '法人及非法人组织', aliases: ['法人', '非法人组织', '法人和非法人组织', '03'] },
      { code: '04', label: '个体工商户' },
    ],
  },
  {
    code: 'cert_type',
    name: '证件类型',
    items: CERT_TYPES.map((t) => ({ code: t.code, label: t.label, aliases: CERT_TYPE_ALIASES[t.code] })),
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
    ].map((label, i) => ({ code: String(i + 1).padStart(2, '0'), label, aliases: PENALTY_ALIASES[label] })),
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
