// Demo organisations of 武陟县 for the seed. Deterministic (seeded PRNG) so every installation, screenshot
// and test sees the same subjects; all codes are valid so demo data exercises the happy path by default.

import { makeIdNumber } from '../../lib/identifiers/id-number';
import { makeUscc } from '../../lib/identifiers/uscc';

export interface SeedOrganisation {
  name: string;
  uscc: string;
  category: '02' | '04'; // 法人及非法人组织 or 个体工商户 (行政相对人类别)
  legalRep: { name: string; idNumber: string };
}

const WUZHI_AREA_CODE = '410823';

// prettier-ignore
const TRADE_NAMES = [
  '恒通', '鑫源', '华丰', '宏达', '金穗', '豫丰', '嘉禾', '瑞祥', '兴旺', '盛世', '泰和', '富民', '天成', '永盛',
  '德润', '博远', '丰泽', '怀川', '沁河', '黄河', '中原', '鸿运', '佳和', '润丰', '万通', '东方', '新邦', '长青',
  '海诚', '立信', '诚达', '同心', '福源', '安泰', '景顺', '宏图', '龙腾', '宇航', '众鑫', '锦程', '旭日', '汇通',
  '凯达', '明远', '昌盛', '裕隆', '和顺', '聚德', '开元', '金石', '广信', '荣华', '春晖', '绿源', '华夏', '光明',
  '正大', '宝丰', '信达', '康宁',
];
const INDUSTRIES = ['食品', '建材', '物流', '农业科技', '机械', '商贸', '化工', '纺织', '餐饮', '建筑工程'];
const SHOP_KINDS = ['便利店', '五金店', '超市', '饭店', '农资店', '理发店'];

// prettier-ignore
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '郭', '马', '孙', '黄', '周', '吴', '徐', '朱', '胡', '高', '宋', '郑',
  '韩', '冯', '董', '程', '曹', '袁', '许', '崔', '贾', '田', '范', '杜', '魏', '毛', '秦', '常', '牛', '薛', '史',
];
// prettier-ignore
const MALE_GIVEN = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '建国', '建军', '志强', '国庆', '海涛', '红军',
  '卫东', '永刚', '小龙', '晓东', '俊杰', '文博', '振华', '德胜', '保国', '春生', '新民', '长江',
];
// prettier-ignore
const FEMALE_GIVEN = [
  '芳', '娜', '敏', '静', '丽', '艳', '霞', '玲', '秀英', '桂兰', '丽娟', '红梅', '海燕', '春梅', '雪梅', '玉兰',
  '淑芬', '晓红', '丽华', '美玲', '婷婷', '晓燕', '慧敏', '文静',
];
const USCC_BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Mulberry32: tiny, fast and good enough for demo data; the point is reproducibility, not randomness. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  const item = list[Math.floor(rand() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffled<T>(rand: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function generateOrganisations(count = 300, seed = 410823): SeedOrganisation[] {
  const rand = prng(seed);
  // Drawing names from shuffled complete lists guarantees uniqueness without retry loops.
  const companyNames = shuffled(
    rand,
    TRADE_NAMES.flatMap((t) => INDUSTRIES.map((i) => `武陟县${t}${i}有限公司`)),
  );
  const shopNames = shuffled(
    rand,
    TRADE_NAMES.flatMap((t) => SHOP_KINDS.map((k) => `武陟县${t}${k}`)),
  );
  // Every fifth organisation is a 个体工商户, roughly the share in county registrations.
  const shopCount = Math.floor(count / 5);
  const companyCount = count - shopCount;
  if (companyCount > companyNames.length || shopCount > shopNames.length) {
    throw new RangeError(`cannot generate ${count} distinct organisation names`);
  }

  const usedBodies = new Set<string>();
  const usedIds = new Set<string>();
  const result: SeedOrganisation[] = [];
  for (let i = 0; i < count; i++) {
    const isShop = i % 5 === 4;
    const name = isShop ? shopNames.pop() : companyNames.pop();
    if (name === undefined) throw new RangeError(`cannot generate ${count} distinct organisation names`);

    let body: string;
    do {
      // New-style subject bodies issued since 2015 start with 'MA'.
      body = 'MA' + Array.from({ length: 6 }, () => pick(rand, USCC_BODY_CHARS.split(''))).join('');
    } while (usedBodies.has(body));
    usedBodies.add(body);

    result.push({
      name,
      uscc: makeUscc(isShop ? '92410823' : '91410823', body),
      category: isShop ? '04' : '02',
      legalRep: makePerson(rand, usedIds),
    });
  }
  return result;
}

function makePerson(rand: () => number, usedIds: Set<string>): { name: string; idNumber: string } {
  const male = rand() < 0.7;
  const name = pick(rand, SURNAMES) + pick(rand, male ? MALE_GIVEN : FEMALE_GIVEN);
  for (;;) {
    const year = 1955 + Math.floor(rand() * 46);
    const month = 1 + Math.floor(rand() * 12);
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = 1 + Math.floor(rand() * daysInMonth);
    // GB 11643: an odd sequence code means male, even female.
    const seq = male ? 2 * Math.floor(rand() * 500) + 1 : 2 * Math.floor(rand() * 499) + 2;
    const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const idNumber = makeIdNumber(WUZHI_AREA_CODE, birth, String(seq).padStart(3, '0'));
    if (!usedIds.has(idNumber)) {
      usedIds.add(idNumber);
      return { name, idNumber };
    }
  }
}
