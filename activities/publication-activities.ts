// Publication housekeeping run by schedules: 公示期满 written into the timeline of records whose window ended.
import { recordPublicityExpiries, type ExpiryResult } from '@/lib/publication/expiry';
import type { ActivityDeps } from './index';

export function createPublicationActivities({ db }: ActivityDeps) {
  return {
    /** Idempotent: each record's line has a dedup key, so a retry or a second run writes nothing twice. */
    async recordPublicityExpiries(input: { day?: string } = {}): Promise<ExpiryResult> {
      return recordPublicityExpiries(db, input);
    },
  };
}
