// Publicity-period rules (公示期) of a catalog version, as data. 国办发〔2025〕22号 and NDRC Order No. 36 grade
// 失信信息 轻微 / 一般 / 严重 with publicity of at most 3 months, 3 months–1 year and 1–3 years; the minimum is
// when repair may start, the maximum when the public site stops showing the record. Pure: shown in the
// editor, stored on the version, evaluated wherever a record's publicity is needed.
import type { RowValues } from '../types';

// Type aliases, not interfaces: the rule is stored as JSON, and Prisma's JSON input type wants index signatures.
export type PublicityPeriod = {
  minMonths: number;
  /** null: no automatic end. */
  maxMonths: number | null;
};

export type PublicityRule =
  /** Never on the public site (basic and personal information). */
  | { kind: 'none' }
  /**
   * Published from the date in `from` for a period; `classField` picks the period by the record's severity
   * class; a date in `untilField` (公示截止期, 移出日期, 有效期至) ends publicity earlier than the maximum.
   */
  | ({
      kind: 'period';
      from: string;
      untilField?: string;
      classField?: string;
      classes?: Record<string, PublicityPeriod>;
    } & PublicityPeriod);

export interface PublicityWindow {
  start: string;
  /** Earliest day a repair (终止公示) may take effect. */
  minEnd: string;
  /** Last day shown; null: shown until withdrawn. */
  end: string | null;
}

/** The publicity window of one record's (checked, ISO-dated) values, or null when it is not published. */
export function publicityWindow(rule: PublicityRule | null, values: RowValues): PublicityWindow | null {
  if (!rule || rule.kind === 'none') return null;
  const start = values[rule.from];
  if (!isIso(start)) return null;
  const period = (rule.classField && rule.classes?.[values[rule.classField] ?? '']) || rule;
  const minEnd = addMonths(start, period.minMonths);
  const maxEnd = period.maxMonths === null ? null : addMonths(start, period.maxMonths);
  const until = rule.untilField ? values[rule.untilField] : undefined;
  const end = isIso(until) && (maxEnd === null || until < maxEnd) ? until : maxEnd;
  return { start, minEnd, end };
}

export function describePublicity(rule: PublicityRule | null, label: (key: string) => string): string {
  if (!rule || rule.kind === 'none') return '不公示';
  const span = (p: PublicityPeriod) =>
    p.maxMonths === null ? `最短${p.minMonths}个月，长期公示` : `最短${p.minMonths}个月，最长${p.maxMonths}个月`;
  const parts = [`自“${label(rule.from)}”起公示，${span(rule)}`];
  if (rule.classField && rule.classes) {
    const byClass = Object.entries(rule.classes).map(([code, p]) => `${code}：${span(p)}`);
    parts.push(`按“${label(rule.classField)}”分级（${byClass.join('；')}）`);
  }
  if (rule.untilField) parts.push(`“${label(rule.untilField)}”早于最长期限时以其为准`);
  return parts.join('，');
}

/** Calendar months; the 31st of a shorter month becomes its last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isIso = (v: string | undefined): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
