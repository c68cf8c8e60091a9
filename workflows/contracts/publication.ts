// The contract of the daily 公示期满 run (workflows/publicity-expiry.ts), started by a Temporal Schedule.

export const PUBLICITY_EXPIRY_WORKFLOW = 'publicityExpiry';

export interface PublicityExpiryInput {
  /** The day to count as today (YYYY-MM-DD, Asia/Shanghai); default: the day the activity runs. */
  day?: string;
}

export interface PublicityExpiryResult {
  day: string;
  recorded: number;
}
