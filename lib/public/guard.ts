// Admission of public queries (issue 13, Protection): every query the public site answers — a search, a
// profile, a person query, a report, a verification — asks here first. The guard limits queries per client
// address, asks for a captcha after repeated queries, and counts each admitted query in the statistics
// without keeping a searched personal identifier in clear.
//
// CONTRACT (pages and routes depend on exactly this): call `admitPublicQuery(kind, { captcha })` once per
// query, before reading anything; when the verdict is not `ok`, show its `message` (and the captcha when
// `reason` is CAPTCHA_REQUIRED or CAPTCHA_WRONG: app/(public)/_components/CaptchaField.tsx) instead of results,
// with the status it names (QueryRefusal.tsx; routes: refusalResponse below).
//
// Where the counters live: PostgreSQL (unlogged PublicQueryBucket, one upsert per query), because the app may run
// as several processes behind one address (docs/operations.md) and a limit per process would multiply by their
// number. The window is sliding, estimated from per-minute buckets (this minute + the previous one weighted by
// how much of it still lies inside the last 60 s). Cost: one round trip per public query (test/bench/results.md,
// "Public query"). Limits from configuration (lib/env.ts PUBLIC_RATE_LIMIT_PER_MINUTE, PUBLIC_CAPTCHA_AFTER,
// PUBLIC_CAPTCHA_WINDOW_MINUTES; 0 turns a check off — the test stack and the benchmark do).
import 'server-only';
import { cookies, headers } from 'next/headers';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { clientAddressOf } from '@/lib/http/client-address';
import { CAPTCHA_COOKIE, solveCaptcha } from './captcha';
import { COUNT_QUERY_SQL, minuteOf } from './guard-sql';
import { countPublicQuery } from './query-stats';

export type PublicQueryKind =
  | 'SEARCH'
  | 'CODE_LOOKUP'
  | 'PROFILE'
  | 'RECORD'
  | 'PUBLICITY_LIST'
  | 'PERSON'
  | 'SELF_QUERY'
  | 'REPORT'
  | 'REPORT_VERIFY'
  | 'ACCOUNT';

export type GuardVerdict =
  | { ok: true }
  | { ok: false; reason: 'RATE_LIMITED'; status: 429; retryAfterSeconds: number; message: string }
  | { ok: false; reason: 'CAPTCHA_REQUIRED' | 'CAPTCHA_WRONG'; status: 403; message: string };

export interface AdmitOptions {
  /** The captcha answer the form carried, when it showed one. */
  captcha?: string | null;
  /**
   * A personal term searched (身份证号, a name with it). Never stored, not even hashed: the statistics count
   * queries, not what was asked (the parameter stays so callers need not change if that is ever wanted).
   */
  personalTerm?: string | null;
}

export const CAPTCHA_REQUIRED_MESSAGE = '您的查询较为频繁，为防止批量查询，请输入图中的验证码后继续。';
export const CAPTCHA_WRONG_MESSAGE = '验证码不正确或已失效，请看清新的验证码后重新输入。';
export const rateLimitedMessage = (seconds: number) => `查询过于频繁，请 ${seconds} 秒后再试。`;

/**
 * Requests that did not come through the server entry have no known address (`next dev`): they share one
 * bucket, so the limit still holds for them all together rather than not at all.
 */
const UNKNOWN_ADDRESS = 'unknown';

export async function admitPublicQuery(kind: PublicQueryKind, options: AdmitOptions = {}): Promise<GuardVerdict> {
  const config = env();
  const limit = config.PUBLIC_RATE_LIMIT_PER_MINUTE;
  const captchaAfter = config.PUBLIC_CAPTCHA_AFTER;
  if (limit > 0 || captchaAfter > 0) {
    const address = clientAddressOf(await headers()) ?? UNKNOWN_ADDRESS;
    const now = Date.now();
    const c = await countQuery(address, now, config.PUBLIC_CAPTCHA_WINDOW_MINUTES);
    if (limit > 0) {
      const intoMinute = (now % 60_000) / 1000;
      const rate = c.current + c.previous * (1 - intoMinute / 60);
      if (rate > limit) {
        return {
          ok: false,
          reason: 'RATE_LIMITED',
          status: 429,
          retryAfterSeconds: retryAfter(c.current, limit, intoMinute),
          message: rateLimitedMessage(retryAfter(c.current, limit, intoMinute)),
        };
      }
    }
    if (captchaAfter > 0 && c.unverified > captchaAfter) {
      const answer = options.captcha?.trim();
      if (!answer) return { ok: false, reason: 'CAPTCHA_REQUIRED', status: 403, message: CAPTCHA_REQUIRED_MESSAGE };
      const jar = await cookies();
      if (!(await solveCaptcha(jar.get(CAPTCHA_COOKIE)?.value, answer))) {
        return { ok: false, reason: 'CAPTCHA_WRONG', status: 403, message: CAPTCHA_WRONG_MESSAGE };
      }
      // Solved: the address starts a fresh run of queries before the next captcha (the rate limit is unchanged).
      await db.$executeRaw`UPDATE "PublicQueryBucket" SET unverified = 0 WHERE address = ${address} AND unverified > 0`;
    }
  }
  countPublicQuery(kind);
  return { ok: true };
}

interface Counted {
  /** Queries from the address this minute, this one included. */
  current: number;
  previous: number;
  /** Queries since the last solved captcha within the captcha window, this one included. */
  unverified: number;
}

/** Counts this query and reads the address's recent counts, in one statement (./guard-sql.ts). */
async function countQuery(address: string, now: number, windowMinutes: number): Promise<Counted> {
  const rows = await db.$queryRawUnsafe<Counted[]>(COUNT_QUERY_SQL, address, minuteOf(now), windowMinutes);
  // Old buckets go now and then, swept by the requests themselves (no schedule needed for an unlogged table).
  if (Math.random() < 0.001) {
    await db.$executeRaw`DELETE FROM "PublicQueryBucket" WHERE minute < (now() AT TIME ZONE 'UTC') - interval '2 hours'`;
  }
  return rows[0]!;
}

/** Seconds until the sliding estimate is back under the limit if the client stops now. */
function retryAfter(current: number, limit: number, intoMinute: number): number {
  const toNextMinute = 60 - intoMinute;
  // Next minute this minute's count decays linearly: under the limit after 60·(1 − limit/current) s of it.
  const decay = current > limit ? 60 * (1 - limit / current) : 0;
  return Math.max(1, Math.ceil(toNextMinute + decay));
}
