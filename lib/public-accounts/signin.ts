// Public sign-in by 身份证号 (or the verified email) and password: one generic answer for every failure, the same
// password-hash work on every path, and the staff lockout rule (5 failures → 30 minutes, sessions ended).
import { z } from 'zod';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD } from '@/lib/auth/authenticate';
import { DUMMY_HASH, verifyPassword } from '@/lib/auth/password';
import { sealIdentifier } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { UnauthorizedError } from '@/lib/errors';
import { checkIdNumber } from '@/lib/identifiers/id-number';
import { auditPublic } from './audit';
import { createPublicSession } from './session';

export const PUBLIC_LOGIN_ERROR = '账号或密码错误，或账号已被锁定';

export const signInInput = z.object({
  login: z.string().trim().min(1, '请填写身份证号或电子邮箱').max(254, '账号格式错误'),
  password: z.string().min(1, '请填写密码').max(200, '密码错误'),
});

export async function signInPublic(
  input: z.infer<typeof signInInput>,
  ip: string | null,
  now = new Date(),
): Promise<{ token: string; accountId: string }> {
  const account = await findAccount(input.login);
  const ok = await verifyPassword(input.password, account?.passwordHash ?? DUMMY_HASH);
  const fail = async (reason: string): Promise<never> => {
    await auditPublic({ accountId: account?.id ?? null, ip, action: 'LOGIN', result: 'FAIL', detail: { reason } });
    throw new UnauthorizedError(PUBLIC_LOGIN_ERROR);
  };
  if (!account || !account.verifiedAt) return fail('unknown or unverified account');
  if (account.lockedUntil && account.lockedUntil > now) return fail('locked');
  if (!ok) {
    const failures = account.failedLogins + 1;
    if (failures < LOCKOUT_THRESHOLD) {
      await db.publicAccount.update({ where: { id: account.id }, data: { failedLogins: failures } });
      return fail('wrong password');
    }
    await db.$transaction([
      db.publicAccount.update({
        where: { id: account.id },
        data: { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) },
      }),
      db.publicSession.deleteMany({ where: { accountId: account.id } }),
    ]);
    return fail(`wrong password; locked for ${LOCKOUT_MINUTES} minutes`);
  }
  await db.publicAccount.update({
    where: { id: account.id },
    data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
  });
  const token = await createPublicSession(account.id, ip);
  await auditPublic({ accountId: account.id, ip, action: 'LOGIN' });
  return { token, accountId: account.id };
}

async function findAccount(login: string) {
  if (login.includes('@')) {
    // An address may have been typed for an abandoned registration too: only a verified account signs in.
    return db.publicAccount.findFirst({ where: { email: login.toLowerCase(), verifiedAt: { not: null } } });
  }
  const id = checkIdNumber(login);
  if (!id.ok) return null;
  return db.publicAccount.findUnique({ where: { idNumberHash: sealIdentifier('ID_NUMBER', id.normalized).hash } });
}
