// What a credit report says about an organisation: its published records, sorted into the sections of the 2022
// standard, each value as the public site shows it (only fields classified public, personal ones masked,
// codes as labels). Read through publicDb under the one publication rule (lib/publication/rule.ts), so a
// report never says more than the profile page.
import type { CatalogDef, RowValues } from '@/lib/catalog/types';
import type { Db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { publicSubjectName, publicValues } from '@/lib/publication/public-values';
import { publicCatalogIds, publicRecordWhere } from '@/lib/publication/rule';
import { cachedCatalogDef, displayValue } from './catalog-defs';
import { ADVERSE_CATALOGS, ADVERSE_SECTIONS, BASIC_CATALOGS, SECTIONS, sectionOf, type SectionKey } from './sections';

/** Records printed per section; the section says how many more there are. */
export const SECTION_RECORD_LIMIT = 50;
/** Records read per report at most: far above any county subject's count, a bound on a report's cost. */
const READ_LIMIT = 2000;

export interface ReportLine {
  label: string;
  value: string;
}

export interface ReportRecord {
  /** The catalog's name (行政许可, 行政处罚 …): a sub-heading inside 行政管理信息. */
  catalog: string;
  title: string;
  date: string | null;
  lines: ReportLine[];
}

export interface ReportSection {
  key: SectionKey;
  title: string;
  /** Records in the section (all of them, also those beyond SECTION_RECORD_LIMIT). */
  total: number;
  records: ReportRecord[];
  /** Text of a section that is not a list of records (信用状况提升建议). */
  paragraphs: string[];
}

export interface ReportContent {
  subject: { id: string; name: string; uscc: string | null };
  basic: ReportLine[];
  /** The Shanghai day the report was drawn up for (the rule's day). */
  day: string;
  sections: ReportSection[];
}

// Identifying and bookkeeping fields: the report names the subject once, at its head.
const SKIPPED_KEYS = new Set([
  'subjectName',
  'subjectCategory',
  'uscc',
  'regNumber',
  'orgCode',
  'taxNumber',
  'institutionNumber',
  'socialOrgNumber',
  'certType',
  'certNumber',
  'legalRepCertType',
  'legalRepIdNumber',
  'authorityUscc',
  'sourceUnitUscc',
]);
const TITLE_KEYS = ['title', 'licenseName', 'docName', 'decisionNumber', 'docNumber', 'violationType'];

export async function reportContent(db: Db, subjectId: string, day: string): Promise<ReportContent> {
  const subject = await db.subject.findUnique({
    where: { id: subjectId },
    select: { id: true, kind: true, name: true, uscc: true, restricted: true },
  });
  // A person has no public report; a restricted subject is off the public site altogether. Both are simply
  // not found, as on the profile page.
  if (!subject || subject.kind !== 'ORG' || subject.restricted) throw new NotFoundError('未找到该主体');

  const catalogIds = await publicCatalogIds(db);
  const rows = await db.creditRecord.findMany({
    where: { subjectId, ...publicRecordWhere(day, catalogIds) },
    orderBy: [{ decisionDate: 'desc' }, { id: 'desc' }],
    take: READ_LIMIT,
    // Personal fields are sealed and never in an organisation's report: `sealed` is not even read.
    select: { catalogVersionId: true, data: true, decisionDate: true },
  });

  const sections = new Map<SectionKey, ReportSection>(
    SECTIONS.map((s) => [s.key, { key: s.key, title: s.title, total: 0, records: [], paragraphs: [] }]),
  );
  let basic: ReportLine[] = [];
  let adverse = false;
  for (const row of rows) {
    const def = await cachedCatalogDef(db, row.catalogVersionId);
    const values = publicValues(def.fields, (row.data ?? {}) as RowValues, 'ORG');
    if (BASIC_CATALOGS.includes(def.code)) {
      if (basic.length === 0) basic = linesOf(def, values);
      continue;
    }
    const key = sectionOf(def.code, (row.data ?? {}) as RowValues);
    if (!key) continue;
    const section = sections.get(key)!;
    section.total++;
    if (ADVERSE_SECTIONS.includes(key) || ADVERSE_CATALOGS.includes(def.code)) adverse = true;
    if (section.records.length < SECTION_RECORD_LIMIT) section.records.push(recordOf(def, values, row.decisionDate));
  }
  sections.get('ADVICE')!.paragraphs = advice(adverse);
  // 行政管理信息 lists 行政许可, then 行政处罚, each newest first (the sort is stable).
  sections.get('ADMIN')!.records.sort((a, b) => adminRank(a) - adminRank(b));

  return {
    subject: { id: subject.id, name: publicSubjectName(subject), uscc: subject.uscc },
    basic,
    day,
    sections: [...sections.values()],
  };
}

function adminRank(r: ReportRecord): number {
  return r.catalog === '行政许可' ? 0 : 1;
}

function linesOf(def: CatalogDef, values: RowValues): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const f of def.fields) {
    const v = values[f.key];
    if (v === undefined || SKIPPED_KEYS.has(f.key)) continue;
    lines.push({ label: f.label, value: displayValue(def, f, v) });
  }
  return lines;
}

function recordOf(def: CatalogDef, values: RowValues, decisionDate: Date | null): ReportRecord {
  const titleKey = TITLE_KEYS.find((k) => values[k]);
  const field = def.fields.find((f) => f.key === titleKey);
  return {
    catalog: def.name,
    title: field ? displayValue(def, field, values[field.key]!) : def.name,
    date: decisionDate ? decisionDate.toISOString().slice(0, 10) : null,
    lines: linesOf(def, values).filter((l) => l.label !== field?.label),
  };
}

function advice(adverse: boolean): string[] {
  if (!adverse)
    return [
      '查询期内未发现该主体的行政处罚或失信信息。请继续依法诚信经营，按时履行法定义务，保持良好的信用记录。',
      '可主动作出信用承诺并按承诺履约，积极参与纳税信用、守合同重信用等信用评价。',
    ];
  return [
    '该主体在查询期内存在行政处罚或失信信息。建议及时履行行政处罚决定或相关法定义务，主动消除不良影响。',
    '履行义务且最短公示期届满后，可依据《信用修复管理办法》向认定单位或通过“信用中国”网站申请信用修复；修复后相关信息将终止公示。',
    '如认为公示信息有误，可依法向信息提供单位或本平台提出异议申请。',
  ];
}
