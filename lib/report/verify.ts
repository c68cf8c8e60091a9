// Verifying a credit report (报告核验): the number and check code printed on it, against the stored report. A
// wrong code and an unknown number get the same answer, so the page cannot be used to find which numbers exist.
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import type { ReportSnapshot } from './issue';
import { checkCodeHash, REPORT_NUMBER_PATTERN, sameHash } from './number';

export const NOT_VERIFIABLE = '无法核验：报告编号或校验码不正确，请核对报告上的编号与校验码后重试。';

/** Both fields as typed by a person: spaces and case forgiven; anything else simply does not verify. */
export const verifyInputSchema = z.object(
  {
    number: z.string({ error: '请填写报告编号' }).trim().min(1, '请填写报告编号').max(64, NOT_VERIFIABLE),
    checkCode: z.string({ error: '请填写校验码' }).trim().min(1, '请填写校验码').max(64, NOT_VERIFIABLE),
  },
  { error: '请填写报告编号和校验码' },
);
export type VerifyInput = z.infer<typeof verifyInputSchema>;

export interface VerifiedReport {
  number: string;
  issuedAt: string;
  contentSha256: string;
  snapshot: ReportSnapshot;
}

/** The report the pair belongs to; NotFoundError(NOT_VERIFIABLE) for any pair that is not one. */
export async function verifyReport(readDb: Db, input: VerifyInput): Promise<VerifiedReport> {
  const number = input.number.replace(/\s/g, '').toUpperCase();
  const code = input.checkCode.replace(/\s/g, '').toUpperCase();
  if (!REPORT_NUMBER_PATTERN.test(number)) throw new NotFoundError(NOT_VERIFIABLE);
  const report = await readDb.creditReport.findUnique({
    where: { number },
    select: { number: true, checkCodeHash: true, issuedAt: true, contentSha256: true, snapshot: true },
  });
  // Hash even when the number is unknown: the answer takes as long either way.
  const hash = checkCodeHash(number, code);
  if (!report || !sameHash(hash, report.checkCodeHash)) throw new NotFoundError(NOT_VERIFIABLE);
  return {
    number: report.number,
    issuedAt: report.issuedAt.toISOString(),
    contentSha256: report.contentSha256,
    snapshot: report.snapshot as unknown as ReportSnapshot,
  };
}
