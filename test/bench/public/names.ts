// Realistic organisation names and valid codes for the public-query benchmark: 1,000,000 organisations of
// 武陟县 and its neighbours, deterministic (seeded PRNG) so two runs build the same database.
import { makeUscc } from '../../../lib/identifiers/uscc';

/** Mulberry32: fast, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

// Mostly 武陟; some from the other counties of 焦作 (their area codes go into the USCC).
const REGIONS: readonly (readonly [string, string])[] = [
  ['武陟县', '410823'],
  ['武陟县', '410823'],
  ['武陟县', '410823'],
  ['武陟', '410823'],
  ['焦作市', '410800'],
  ['河南', '410000'],
  ['修武县', '410821'],
  ['温县', '410825'],
];
// Characters trade names (字号) are made of: two of them give ~30,000 different names.
const TRADE_CHARS = Array.from(
  '恒通鑫源华丰宏达金穗豫嘉禾瑞祥兴旺盛世泰和富民天成永德润博远泽怀川沁河黄中原鸿运佳万东方新邦长青海诚立信同心福安景顺图龙腾宇航众锦程旭日汇凯明昌裕隆聚开元石广荣春晖绿夏光正大宝康宁云峰美乐晨星辉耀隆发腾飞建业振兴伟创丰收太平银',
);
const INDUSTRIES = [
  '食品',
  '建材',
  '物流',
  '农业科技',
  '机械',
  '商贸',
  '化工',
  '纺织',
  '餐饮',
  '建筑工程',
  '电子科技',
  '医药',
  '汽车销售',
  '房地产开发',
  '环保科技',
  '农机',
  '养殖',
  '面粉',
  '物业管理',
  '广告',
  '信息技术',
  '钢结构',
  '水泥制品',
  '家具',
  '服装',
  '印刷',
  '劳务',
  '运输',
  '超市',
  '酒店管理',
];
const FORMS = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司', '专业合作社', '商行'];
const SHOPS = ['便利店', '五金店', '超市', '饭店', '农资店', '理发店', '烟酒店', '副食部', '汽修部'];
const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface BenchOrg {
  name: string;
  uscc: string;
  category: '02' | '04';
}

/** The i-th organisation (0-based). Codes are unique by construction: the subject body encodes i. */
export function benchOrg(i: number, rand: () => number): BenchOrg {
  const [region, area] = pick(rand, REGIONS);
  const trade = pick(rand, TRADE_CHARS) + pick(rand, TRADE_CHARS);
  // The body: 'B' then i in base 31 (7 digits): never one of the seed's random bodies starting otherwise… mostly.
  let n = i;
  let body = '';
  for (let k = 0; k < 7; k++) {
    body = USCC_BODY[n % 31]! + body;
    n = Math.floor(n / 31);
  }
  body = 'B' + body;
  if (rand() < 0.15) {
    // 个体工商户: 92 + area, a shop name.
    return { name: `${region}${trade}${pick(rand, SHOPS)}`, uscc: makeUscc(`92${area}`, body), category: '04' };
  }
  const name = `${region}${trade}${pick(rand, INDUSTRIES)}${pick(rand, FORMS)}`;
  return { name, uscc: makeUscc(`91${area}`, body), category: '02' };
}
