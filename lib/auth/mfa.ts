// The TOTP second factor of a signed-in session: enrolment (forced for administrators at their first
// sign-in), the code step after the password, and an administrator's reset. Wrong codes count toward the
// same lockout as wrong passwords; an accepted code's time step is remembered, so a code works once.
import { actorOf, writeAudit } from '@/lib/audit';
import { seal, unseal } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { countFailure } from './authenticate';
import { markMfaVerified } from './session';
import { newTotpSecret, totpUri, verifyTotp } from './totp';

export const TOTP_FAILURE = '验证码不正确或已使用，请输入验证器中的最新验证码';

interface Ctx {
  userId: string;
  /** The session to mark verified (null: an already verified session enrolling by choice). */
  sid: string | null;
  ip: string | null;
  now?: Date;
}

/** The secret being enrolled (made once, kept until confirmed, so reloading the page shows the same QR). */
export async function pendingEnrolment(userId: string): Promise<{ secret: string; uri: string }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) throw new ValidationError('已启用双因素认证');
  let secret = user.totpSecretSealed ? unseal(user.totpSecretSealed) : null;
  if (!secret) {
    secret = newTotpSecret();
    await db.user.update({ where: { id: userId }, data: { totpSecretSealed: seal(secret) } });
  }
  return { secret, uri: totpUri(secret, user.username) };
}

/** Confirms enrolment with a first code; the session counts as verified. False: wrong code (counted). */
export async function confirmEnrolment(ctx: Ctx, code: string): Promise<boolean> {
  return checkCode(ctx, code, 'TOTP_ENROL');
}

/** The code step after the password. False: wrong, reused or locked (counted; one message for all). */
export async function verifySecondFactor(ctx: Ctx, code: string): Promise<boolean> {
  return checkCode(ctx, code, 'TOTP_VERIFY');
}

async function checkCode(ctx: Ctx, code: string, action: 'TOTP_ENROL' | 'TOTP_VERIFY'): Promise<boolean> {
  const now = ctx.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({ where: { id: ctx.userId } });
  const enrolling = action === 'TOTP_ENROL';
  const audit = (result: 'OK' | 'FAIL', reason?: string) =>
    writeAudit(db, {
      ...actorOf(user, ctx.ip),
      module: 'auth',
      action,
      result,
      detail: reason ? { reason } : undefined,
    });
  if (user.lockedUntil && user.lockedUntil > now) return audit('FAIL', 'locked').then(() => false);
  if (!user.totpSecretSealed || enrolling === !!user.totpEnabledAt) {
    await audit('FAIL', enrolling ? 'already enrolled' : 'not enrolled');
    return false;
  }
  const step = verifyTotp(unseal(user.totpSecretSealed), code.trim(), now.getTime(), user.totpLastStep);
  if (step === null) {
    await audit('FAIL', await countFailure(user.id, user.failedLogins, now, 'wrong code'));
    return false;
  }
  // Conditional on the last step, so two requests racing with the same code cannot both win.
  const won = await db.user.updateMany({
    where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step, failedLogins: 0, ...(enrolling ? { totpEnabledAt: now } : {}) },
  });
  if (won.count === 0) return audit('FAIL', 'code reused').then(() => false);
  if (ctx.sid) await markMfaVerified(ctx.sid, now);
  await audit('OK');
  return true;
}

/** An administrator removes a user's authenticator (lost phone); the user enrols again at next sign-in. */
export async function resetTotp(
  actor: { id: string; username: string; departmentId: string },
  userId: string,
  ip: string | null,
): Promise<void> {
  const user = await db.user.update({
    where: { id: userId },
    data: { totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null },
  });
  await writeAudit(db, {
    ...actorOf(actor, ip),
    module: 'auth',
    action: 'TOTP_RESET',
    objectType: 'User',
    objectId: user.id,
    detail: { username: user.username },
  });
}
