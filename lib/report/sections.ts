// The sections of the credit report, in the order of the 2022 report standard (公共信用信息报告标准 2022版, as
// 信用中国 prints it: domain.md §3), and which published record goes into which. The mapping is by catalog and,
// for the 守信 and 失信 catalogs, by the record's own category; a public catalog the county adds itself
// (not one of the national ones) goes to 地方补充内容.
import type { RowValues } from '@/lib/catalog/types';

export type SectionKey =
  'ADMIN' | 'HONEST' | 'SERIOUS' | 'ABNORMAL' | 'COMMITMENT' | 'EVALUATION' | 'JUDICIAL' | 'OTHER' | 'ADVICE' | 'LOCAL';

export const SECTIONS: readonly { key: SectionKey; title: string }[] = [
  { key: 'ADMIN', title: '行政管理信息' },
  { key: 'HONEST', title: '诚实守信信息' },
  { key: 'SERIOUS', title: '严重失信主体名单信息' },
  { key: 'ABNORMAL', title: '经营异常信息' },
  { key: 'COMMITMENT', title: '信用承诺信息' },
  { key: 'EVALUATION', title: '信用评价信息' },
  { key: 'JUDICIAL', title: '司法判决信息' },
  { key: 'OTHER', title: '其他信息' },
  { key: 'ADVICE', title: '信用状况提升建议' },
  { key: 'LOCAL', title: '公共信用信息地方补充内容' },
];

export const EMPTY_SECTION_TEXT = '查询期内无相关信息';

/** Catalogs whose public records describe the subject itself (shown as 基本信息, not as a section). */
export const BASIC_CATALOGS: readonly string[] = ['ORG_BASIC'];
/** Catalogs never in a report whatever their classification (personal; an organisation's report has none). */
const NOT_IN_REPORT: readonly string[] = ['LEGAL_REP', 'PERSON_BASIC', 'KEY_GROUP'];

// positive_type: 01 纳税信用A级, 04 劳动保障守法诚信A级, 05 海关高级认证 are evaluations; 06 is 信用承诺履约.
const EVALUATION_TYPES = ['01', '04', '05'];
const COMMITMENT_TYPES = ['06'];
// negative_type: 01–06 are the national 严重失信主体名单 lists (失信被执行人 among them), 07 is 经营异常名录.
const SERIOUS_LIST_TYPES = ['01', '02', '03', '04', '05', '06'];
const ABNORMAL_TYPES = ['07'];

/** The section a published record of `catalogCode` belongs in; null: not a section of the report. */
export function sectionOf(catalogCode: string, values: RowValues): SectionKey | null {
  if (BASIC_CATALOGS.includes(catalogCode) || NOT_IN_REPORT.includes(catalogCode)) return null;
  switch (catalogCode) {
    case 'ADMIN_LICENSE':
    case 'ADMIN_PENALTY':
      return 'ADMIN';
    case 'POSITIVE': {
      const t = values.positiveType ?? '';
      if (COMMITMENT_TYPES.includes(t)) return 'COMMITMENT';
      return EVALUATION_TYPES.includes(t) ? 'EVALUATION' : 'HONEST';
    }
    case 'NEGATIVE': {
      const t = values.negativeType ?? '';
      if (ABNORMAL_TYPES.includes(t)) return 'ABNORMAL';
      return SERIOUS_LIST_TYPES.includes(t) || values.severity === '3' ? 'SERIOUS' : 'OTHER';
    }
    default:
      return 'LOCAL';
  }
}

/** Sections that count against the subject: the advice speaks of repair when any has a record. */
export const ADVERSE_SECTIONS: readonly SectionKey[] = ['SERIOUS', 'ABNORMAL', 'OTHER'];
export const ADVERSE_CATALOGS: readonly string[] = ['ADMIN_PENALTY', 'NEGATIVE'];
