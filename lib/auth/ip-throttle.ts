// Sign-in throttling per client address (R-8.2, ASVS 2.2.1): the account lockout stops guessing one
// account's password, not one address trying a common password on every account, nor a flood of sign-ins that
// each cost a scrypt hash. Failed sign-ins are already audit rows, so the count needs no table of its own and
// holds across app instances.
import { db } from '@/lib/db';
import { env } from '@/lib/env';

export interface IpThrottle {
  /** Failures allowed within the window; 0 turns the throttle off. */
  maxFailures: number;
  windowMinutes: number;
}

export function configuredThrottle(): IpThrottle {
  const e = env();
  return { maxFailures: e.LOGIN_IP_MAX_FAILURES, windowMinutes: e.LOGIN_IP_WINDOW_MINUTES };
}

/** Whether sign-ins from this address are refused for now: too many failed ones in the window. */
export async function ipThrottled(ip: string | null, now: Date, limits: IpThrottle): Promise<boolean> {
  if (!ip || limits.maxFailures === 0) return false;
  const failures = await db.auditLog.count({
    where: {
      module: 'auth',
      action: 'LOGIN',
      result: 'FAIL',
      ip,
      at: { gt: new Date(now.getTime() - limits.windowMinutes * 60_000) },
    },
  });
  return failures >= limits.maxFailures;
}
