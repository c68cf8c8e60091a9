// The captcha of the public site (issue 13, Protection): asked for by the guard (./guard.ts) after repeated
// queries from one address. svg-captcha draws the image; the answer never reaches the page: it is kept in
// PublicCaptcha (sealed with the PII key, so even the table does not hold it readable), found by an id in an
// httpOnly cookie, and deleted on the first answer, right or wrong — one captcha admits at most one query.
import 'server-only';
import { randomUUID } from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import { z } from 'zod';
import { seal, unseal } from '@/lib/crypto/pii';
import { db } from '@/lib/db';

export const CAPTCHA_COOKIE = 'wz_captcha';
/** Minutes a captcha can be answered. */
export const CAPTCHA_TTL_MINUTES = 10;

export interface IssuedCaptcha {
  id: string;
  svg: string;
}

/** A new captcha: its image and the id the cookie carries. */
export async function issueCaptcha(now = new Date()): Promise<IssuedCaptcha> {
  // No look-alike characters (0/o, 1/l/i): a person should not fail on the font.
  const { data, text } = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1ilI', background: '#f8fafc' });
  const id = randomUUID();
  const expires = new Date(now.getTime() + CAPTCHA_TTL_MINUTES * 60_000);
  await db.$executeRaw`INSERT INTO "PublicCaptcha" (id, "answerHash", "expiresAt")
    VALUES (${id}::uuid, ${seal(text.toLowerCase())}, ${expires.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  // Expired captchas nobody answered: swept now and then by the requests themselves.
  if (Math.random() < 0.01)
    await db.$executeRaw`DELETE FROM "PublicCaptcha" WHERE "expiresAt" < now() AT TIME ZONE 'UTC'`;
  return { id, svg: data };
}

const idSchema = z.string().uuid();

/**
 * Whether `answer` solves the captcha `id` (case-insensitive, surrounding spaces ignored). The captcha is used up
 * either way, so a wrong guess cannot be followed by another on the same image, and a right one cannot be replayed.
 */
export async function solveCaptcha(id: string | undefined, answer: string, now = new Date()): Promise<boolean> {
  if (!idSchema.safeParse(id).success) return false;
  const rows = await db.$queryRaw<{ answer: string; expiresAt: Date }[]>`
    DELETE FROM "PublicCaptcha" WHERE id = ${id}::uuid RETURNING "answerHash" AS answer, "expiresAt"`;
  const row = rows[0];
  if (!row || row.expiresAt.getTime() < now.getTime()) return false;
  return unseal(row.answer) === answer.trim().toLowerCase();
}
