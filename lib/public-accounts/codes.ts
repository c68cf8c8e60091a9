// One-time verification codes: six digits, valid 10 minutes, used once, 5 wrong tries per code; a new code
// at most once a minute and 5 an hour per account. Only a keyed hash of the code is stored.
import { randomInt } from 'node:crypto';
import { blindIndex } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ConflictError, ValidationError } from '@/lib/errors';
import { TooManyAttemptsError } from './errors';

export const CODE_VALID_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;
const RESEND_GAP_SECONDS = 60;
const CODES_PER_HOUR = 5;

export type CodePurpose = 'REGISTER';

const hashOf = (accountId: string, code: string) => blindIndex(`public-code:${accountId}:${code}`);

/** A fresh code for the account (earlier unused ones stop working); the clear code goes to the channel only. */
export async function issueCode(accountId: string, purpose: CodePurpose, now = new Date()): Promise<string> {
  const recent = await db.publicVerificationCode.findMany({
    where: { accountId, purpose, createdAt: { gt: new Date(now.getTime() - 3_600_000) } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  const last = recent[0];
  if (last && now.getTime() - last.createdAt.getTime() < RESEND_GAP_SECONDS * 1000) {
    throw new TooManyAttemptsError(`验证码已发送，请${RESEND_GAP_SECONDS}秒后再重新获取`);
  }
  if (recent.length >= CODES_PER_HOUR) throw new TooManyAttemptsError('验证码获取次数过多，请一小时后再试');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.$transaction([
    // Only the newest code works: an older one still in someone's inbox is retired.
    db.publicVerificationCode.updateMany({
      where: { accountId, purpose, usedAt: null },
      data: { expiresAt: now },
    }),
    db.publicVerificationCode.create({
      data: {
        accountId,
        purpose,
        codeHash: hashOf(accountId, code),
        expiresAt: new Date(now.getTime() + CODE_VALID_MINUTES * 60_000),
        createdAt: now,
      },
    }),
  ]);
  return code;
}

/** Accepts the code once; every refusal says why in words a person can act on. */
export async function consumeCode(accountId: string, purpose: CodePurpose, code: string, now = new Date()) {
  const entered = code.trim();
  if (!/^\d{6}$/.test(entered)) throw new ValidationError('验证码应为6位数字');
  const hash = hashOf(accountId, entered);
  const replayed = await db.publicVerificationCode.findFirst({
    where: { accountId, purpose, codeHash: hash, usedAt: { not: null } },
    select: { id: true },
  });
  if (replayed) throw new ConflictError('该验证码已经使用过，不能重复使用');
  const current = await db.publicVerificationCode.findFirst({
    where: { accountId, purpose, usedAt: null },
    orderBy: { createdAt: 'desc' },
  });
  if (!current) throw new ValidationError('没有待使用的验证码，请重新获取');
  if (current.expiresAt <= now)
    throw new ValidationError(`验证码已过期（有效期${CODE_VALID_MINUTES}分钟），请重新获取`);
  if (current.attempts >= CODE_MAX_ATTEMPTS) throw new TooManyAttemptsError('验证码错误次数过多，请重新获取');
  if (current.codeHash !== hash) {
    const left = CODE_MAX_ATTEMPTS - current.attempts - 1;
    await db.publicVerificationCode.update({ where: { id: current.id }, data: { attempts: { increment: 1 } } });
    if (left <= 0) throw new TooManyAttemptsError('验证码错误次数过多，请重新获取');
    throw new ValidationError(`验证码不正确，还可再试${left}次`);
  }
  // Conditional: of two requests carrying the same code at once, exactly one uses it.
  const used = await db.publicVerificationCode.updateMany({
    where: { id: current.id, usedAt: null },
    data: { usedAt: now },
  });
  if (used.count !== 1) throw new ConflictError('该验证码已经使用过，不能重复使用');
}
