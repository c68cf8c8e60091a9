// Demo published records for the public site (issue 13): licences and penalties of a few dozen of the seeded
// organisations, stored through the import's own write path (checkRow → prepareValues → writeRecords), so each
// record's publicity window is computed exactly as an import computes it. Dates are relative to the day the seed
// runs: the records are in their window then, except one penalty whose window has already ended (it must not
// be on the site), and one organisation is restricted (R-2.5: none of its records may show).
import { makeUscc } from '../../lib/identifiers/uscc';
import type { SeedOrganisation } from './organisations';

/** Organisations (by index into generateOrganisations(300)) that get records, and the restricted one. */
export const DEMO_PUBLIC_ORGS = 36;
export const DEMO_RESTRICTED_ORG = 35;
/** The organisation whose penalty is past its 公示截止日. */
export const DEMO_EXPIRED_ORG = 0;

const MARKET_USCC = makeUscc('11410823', 'MB123456');
const LICENCE_KINDS = [
  { name: '食品经营许可证', content: '预包装食品（含冷藏冷冻食品）销售；散装食品销售' },
  { name: '道路运输经营许可证', content: '道路普通货物运输' },
  { name: '建筑施工企业安全生产许可证', content: '建筑施工' },
  { name: '排污许可证', content: '按许可排放量排放大气污染物' },
];
const VIOLATIONS = [
  {
    type: '未按规定公示年度报告',
    facts: '当事人未按规定期限公示2025年度报告，经责令限期改正逾期未改正。',
    content: '罚款人民币贰仟元整',
    amount: '0.2',
  },
  {
    type: '销售不符合食品安全标准的食品',
    facts: '当事人销售的一批次食品经抽检不合格。',
    content: '没收违法所得，罚款人民币伍仟元整',
    amount: '0.5',
  },
  { type: '未取得许可从事经营活动', facts: '当事人未取得相关许可擅自从事经营活动。', content: '警告', amount: '' },
];

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function demoLicenceRows(orgs: readonly SeedOrganisation[], today: string): Record<string, string>[] {
  return orgs.slice(0, DEMO_PUBLIC_ORGS).map((o, i) => {
    const kind = LICENCE_KINDS[i % LICENCE_KINDS.length]!;
    const decided = addDays(today, -(20 + i * 9));
    return {
      subjectName: o.name,
      subjectCategory: o.category,
      uscc: o.uscc,
      legalRepName: o.legalRep.name,
      docName: kind.name,
      docNumber: `武许〔${decided.slice(0, 4)}〕DEMO${String(i + 1).padStart(3, '0')}号`,
      licenseCategory: '01',
      licenseName: kind.name,
      licenseNumber: `JY4108230${String(100000 + i)}`,
      licenseContent: kind.content,
      decisionDate: decided,
      validFrom: decided,
      validTo: addDays(decided, 5 * 365),
      authority: '武陟县市场监督管理局',
      authorityUscc: MARKET_USCC,
      status: '1',
      sourceUnit: '武陟县市场监督管理局',
      sourceUnitUscc: MARKET_USCC,
    };
  });
}

/** Penalties for every other demo organisation, plus the restricted one and the expired one. */
export function demoPenaltyRows(orgs: readonly SeedOrganisation[], today: string): Record<string, string>[] {
  const chosen = orgs
    .slice(0, DEMO_PUBLIC_ORGS)
    .map((o, i) => ({ o, i }))
    .filter(({ i }) => i % 2 === 0 || i === DEMO_RESTRICTED_ORG);
  return chosen.map(({ o, i }) => {
    const v = VIOLATIONS[i % VIOLATIONS.length]!;
    // The expired one: decided 13 months ago, so the 12-month maximum of 一般 penalties has passed.
    const decided = i === DEMO_EXPIRED_ORG ? addDays(today, -400) : addDays(today, -(10 + i * 5));
    return {
      subjectName: o.name,
      subjectCategory: o.category,
      uscc: o.uscc,
      legalRepName: o.legalRep.name,
      legalRepCertType: '01',
      legalRepIdNumber: o.legalRep.idNumber,
      decisionNumber: `武市监罚〔${decided.slice(0, 4)}〕DEMO${String(i + 1).padStart(3, '0')}号`,
      violationType: v.type,
      facts: v.facts,
      basis: '《中华人民共和国行政处罚法》及相关法律法规',
      penaltyCategory: v.amount ? '03' : '01',
      penaltyContent: v.content,
      ...(v.amount ? { fineAmount: v.amount } : {}),
      decisionDate: decided,
      authority: '武陟县市场监督管理局',
      authorityUscc: MARKET_USCC,
      sourceUnit: '武陟县市场监督管理局',
      sourceUnitUscc: MARKET_USCC,
    };
  });
}
