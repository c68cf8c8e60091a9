// Issuing a credit report: number reserved, content read under the publication rule, PDF drawn, and the
// issued report stored (number, hash of the check code, digest of the PDF, a snapshot of what it said) so the
// verification page can answer for it later. Nothing is stored when drawing fails.
import { createHash } from 'node:crypto';
import { dayKeyOf, shanghaiTimeOf } from '@/lib/calendar/workdays';
import { db, type Db, type Prisma } from '@/lib/db';
import { publicationDay } from '@/lib/publication/rule';
import { reportContent, type ReportContent } from './content';
import { checkCodeHash, newCheckCode, reportNumber } from './number';
import { renderReportPdf } from './pdf';

export interface IssuedReport {
  number: string;
  checkCode: string;
  pdf: Buffer;
}

/** What the verification page shows of an issued report. */
export interface ReportSnapshot {
  subject: { name: string; uscc: string | null };
  day: string;
  queriedAt: string;
  sections: { key: string; title: string; total: number; items: { title: string; date: string | null }[] }[];
}

/**
 * @param readDb the public read client (publicDb): content is read only through it.
 * @param verifyBase the site's origin; the QR code opens `${verifyBase}/report/verify?number=…`.
 */
export async function issueReport(
  readDb: Db,
  subjectId: string,
  verifyBase: string,
  now: Date = new Date(),
): Promise<IssuedReport> {
  const content = await reportContent(readDb, subjectId, publicationDay(now));
  const reserved = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT nextval(pg_get_serial_sequence('"CreditReport"', 'seq')) AS seq`;
  const seq = reserved[0]!.seq;
  const number = reportNumber(dayKeyOf(now), seq);
  const checkCode = newCheckCode();
  const queriedAt = shanghaiTimeOf(now).slice(0, 19).replace('T', ' ');
  const verifyUrl = `${verifyBase.replace(/\/$/, '')}/report/verify?number=${number}`;
  const pdf = await renderReportPdf(content, { number, checkCode, queriedAt, verifyUrl });
  await db.creditReport.create({
    data: {
      seq,
      number,
      checkCodeHash: checkCodeHash(number, checkCode),
      subjectId,
      issuedAt: now,
      contentSha256: createHash('sha256').update(pdf).digest('hex'),
      snapshot: snapshotOf(content, queriedAt) as unknown as Prisma.InputJsonValue,
    },
  });
  return { number, checkCode, pdf };
}

function snapshotOf(content: ReportContent, queriedAt: string): ReportSnapshot {
  return {
    subject: { name: content.subject.name, uscc: content.subject.uscc },
    day: content.day,
    queriedAt,
    sections: content.sections.map((s) => ({
      key: s.key,
      title: s.title,
      total: s.total,
      items: s.records.map((r) => ({ title: r.title, date: r.date })),
    })),
  };
}
