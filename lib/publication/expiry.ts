// 公示期满 in the record's timeline. The public site stops showing a record the day after its 公示截止日 by
// itself (every public query compares with the day it runs on, ./rule.ts); this daily job, run by a Temporal
// Schedule (workflows/publicity-expiry.ts), writes down that it happened, one RecordEvent per record.
// Idempotent: a retried or repeated run writes nothing twice (the dedup key names the record and its end), and
// a record whose end a revision moved later gets its own line when the new end passes.
import type { Db } from '@/lib/db';
import { PUBLICATION_HOLDS, publicationDay } from './rule';

/** How far back a run looks: a schedule missed for up to this many days is made up by the next run. */
export const EXPIRY_LOOKBACK_DAYS = 31;

export const PUBLICITY_EXPIRED = 'PUBLICITY_EXPIRED';

export interface ExpiryResult {
  /** The day the run counted as today (Asia/Shanghai). */
  day: string;
  /** Timeline entries written by this run. */
  recorded: number;
}

/**
 * Writes 公示期满 for every record whose 公示截止日 lies in the lookback before `day` (default today) and
 * that no hold took off the site earlier. One statement per catalog: each an index range on
 * (catalogId, publicityEnd).
 */
export async function recordPublicityExpiries(db: Db, opts: { day?: string } = {}): Promise<ExpiryResult> {
  const day = opts.day ?? publicationDay();
  // A handful of catalogs; one without a publicity rule costs an empty index probe.
  const catalogs = await db.catalog.findMany({ select: { id: true } });
  const holds = PUBLICATION_HOLDS.map((h) => `r."${h.column}" IS NULL`).join(' AND ');
  let recorded = 0;
  for (const { id: catalogId } of catalogs) {
    recorded += await db.$executeRawUnsafe(
      `INSERT INTO "RecordEvent" ("recordId", at, kind, message, data, "dedupKey")
       SELECT r.id,
              -- The moment it left the site: midnight (Asia/Shanghai) after its last day, 16:00 UTC on that day.
              r."publicityEnd" + time '16:00',
              '${PUBLICITY_EXPIRED}',
              '公示期满：公示截止日 ' || to_char(r."publicityEnd", 'YYYY-MM-DD') || '，次日起不再在信用武陟网站公示',
              jsonb_build_object('publicityEnd', to_char(r."publicityEnd", 'YYYY-MM-DD')),
              'publicity-expired:' || r.id || ':' || to_char(r."publicityEnd", 'YYYY-MM-DD')
         FROM "CreditRecord" r
        WHERE r."catalogId" = $1::uuid AND r."publicityEnd" >= $2::date - $3::int AND r."publicityEnd" < $2::date
          AND r."publicityStart" IS NOT NULL AND ${holds}
       ON CONFLICT ("dedupKey") DO NOTHING`,
      catalogId,
      day,
      EXPIRY_LOOKBACK_DAYS,
    );
  }
  return { day, recorded };
}
