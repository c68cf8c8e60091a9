// Account housekeeping run by schedules: the nightly disabling of dormant accounts.
import { disableDormantUsers } from '@/lib/admin/dormancy';
import type { ActivityDeps } from './index';

export function createAccountActivities({ db }: ActivityDeps) {
  return {
    /** Idempotent: an account already disabled is skipped, so a retry disables nobody twice. */
    async disableDormantUsers(): Promise<string[]> {
      return disableDormantUsers(db);
    },
  };
}
