// Test and benchmark data: 行政处罚 rows for the seeded organisations, with faulty rows of several kinds
// at known positions, written as a streamed xlsx with the catalog's standard headers.
import ExcelJS from 'exceljs';
import { adminPenaltyCatalog } from '../../prisma/seed-data/catalogs';
import { generateOrganisations } from '../../prisma/seed-data/organisations';
import { makeUscc } from '../../lib/identifiers/uscc';

export type Fault = 'BAD_USCC' | 'MISSING_FACTS' | 'BAD_DATE' | 'NAME_MISMATCH' | 'BAD_ENUM';
export const FAULTS: Fault[] = ['BAD_USCC', 'MISSING_FACTS', 'BAD_DATE', 'NAME_MISMATCH', 'BAD_ENUM'];

export interface PenaltyRow {
  values: Record<string, string>;
  fault: Fault | null;
}

const orgs = generateOrganisations(300);
// 武陟县市场监督管理局 (a state organ: registration authority 1, category 1).
const AUTHORITY_USCC = makeUscc('11410823', 'MB123456');

/** Row i (0-based) is faulty when faultEvery > 0 and (i + 1) % faultEvery === 0; the fault kind cycles. */
export function penaltyRows(count: number, opts: { faultEvery?: number; prefix?: string } = {}): PenaltyRow[] {
  return [...generatePenaltyRows(count, opts)];
}

/** The rows of penaltyRows one at a time, so a million of them never sit in memory together (benchmarks). */
export function* generatePenaltyRows(
  count: number,
  opts: { faultEvery?: number; prefix?: string } = {},
): Generator<PenaltyRow> {
  const prefix = opts.prefix ?? 'T';
  for (let i = 0; i < count; i++) {
    const org = orgs[i % orgs.length]!;
    const values: Record<string, string> = {
      subjectName: org.name,
      subjectCategory: org.category,
      uscc: org.uscc,
      legalRepName: org.legalRep.name,
      legalRepCertType: '01',
      legalRepIdNumber: org.legalRep.idNumber,
      decisionNumber: `武市监罚〔2026〕${prefix}${i + 1}号`,
      violationType: '未按规定公示年度报告',
      facts: '当事人未按规定期限公示2025年度报告，经责令限期改正逾期未改正。',
      basis: '《中华人民共和国市场主体登记管理条例》第四十八条',
      penaltyCategory: '03',
      penaltyContent: '罚款人民币贰仟元整',
      fineAmount: '0.2',
      decisionDate: '2026-10-15',
      publicUntil: '2027-10-15',
      authority: '武陟县市场监督管理局',
      authorityUscc: AUTHORITY_USCC,
      sourceUnit: '武陟县市场监督管理局',
      sourceUnitUscc: AUTHORITY_USCC,
    };
    const faulty = opts.faultEvery && (i + 1) % opts.faultEvery === 0;
    const fault = faulty ? FAULTS[Math.floor(i / opts.faultEvery!) % FAULTS.length]! : null;
    if (fault === 'BAD_USCC') values.uscc = org.uscc.slice(0, 17) + (org.uscc.endsWith('1') ? '2' : '1');
    if (fault === 'MISSING_FACTS') values.facts = '';
    if (fault === 'BAD_DATE') values.decisionDate = '2026-13-45';
    if (fault === 'NAME_MISMATCH') values.subjectName = `${org.name}（错误名称）`;
    if (fault === 'BAD_ENUM') values.penaltyCategory = '99';
    yield { values, fault };
  }
}

export function penaltyHeaders(): { key: string; label: string }[] {
  return adminPenaltyCatalog.fields.map((f) => ({ key: f.key, label: f.label }));
}

/** Streams rows to an xlsx file (memory stays flat for a million rows). */
export async function writePenaltyXlsx(path: string, rows: Iterable<PenaltyRow>): Promise<void> {
  const headers = penaltyHeaders();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('行政处罚');
  sheet.addRow(headers.map((h) => h.label)).commit();
  for (const row of rows) sheet.addRow(headers.map((h) => row.values[h.key] ?? '')).commit();
  sheet.commit();
  await wb.commit();
}
