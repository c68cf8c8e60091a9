// The county's published totals on the home page: organisations on file and the licences and penalties the
// publication rule publishes today. Counting a million rows on every home page view is waste, so the figures
// are kept for a few minutes per process; a record that leaves the site shows in the totals by then.
import { publicationDay, publicRecordWhere } from '@/lib/publication/rule';
import { publicDb } from './read-db';

export interface PublicTotals {
  organisations: number;
  licences: number;
  penalties: number;
  /** The day the record counts were taken for (YYYY-MM-DD). */
  day: string;
}

const KEEP_MS = 5 * 60_000;
let kept: { at: number; totals: PublicTotals } | null = null;

export async function publicTotals(now = Date.now()): Promise<PublicTotals> {
  if (kept && now - kept.at < KEEP_MS && kept.totals.day === publicationDay()) return kept.totals;
  const day = publicationDay();
  const catalogs = await publicDb.catalog.findMany({
    where: { sensitivity: 'PUBLIC', code: { in: ['ADMIN_LICENSE', 'ADMIN_PENALTY'] } },
    select: { id: true, code: true },
  });
  const idsOf = (code: string) => catalogs.filter((c) => c.code === code).map((c) => c.id);
  const [organisations, licences, penalties] = await Promise.all([
    publicDb.subject.count({ where: { kind: 'ORG' } }),
    publicDb.creditRecord.count({ where: publicRecordWhere(day, idsOf('ADMIN_LICENSE')) }),
    publicDb.creditRecord.count({ where: publicRecordWhere(day, idsOf('ADMIN_PENALTY')) }),
  ]);
  const totals = { organisations, licences, penalties, day };
  kept = { at: now, totals };
  return totals;
}
