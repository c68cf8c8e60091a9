// Real-name registration: name, 身份证号 (format, area, birth date and check character verified), an
// email address (or a mobile number once SMS is open), a password under the staff policy; then a code sent to the
// contact proves it. One account per identity: a verified account holds its 身份证号's keyed hash; an account that
// never verified is replaced by the next registration of the same number, so nobody can block a person by
// starting a registration in their name.
import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblems } from '@/lib/auth/password-policy';
import { maskPhone } from '@/lib/crypto/mask';
import { sealIdentifier, unseal } from '@/lib/crypto/pii';
import { db, Prisma } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { checkIdNumber } from '@/lib/identifiers/id-number';
import { isPhoneNumber } from '@/lib/identifiers/phone';
import { auditPublic } from './audit';
import { channelFor, type ContactKind } from './channels';
import { CODE_VALID_MINUTES, consumeCode, issueCode } from './codes';
import { UnprocessableError } from './errors';

/** Says the number is taken without saying by whom or how to reach them. */
export const IDENTITY_TAKEN = '该身份证号已注册账号。如非本人注册，请携带身份证件到县信用中心窗口办理';

export const registrationInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, '请填写真实姓名')
    .max(30, '姓名过长')
    .regex(/^[\p{Script=Han}A-Za-z·•. ]+$/u, '姓名只能包含汉字、字母和间隔号'),
  idNumber: z.string().trim().min(1, '请填写身份证号').max(40, '身份证号格式错误'),
  contactKind: z.enum(['EMAIL', 'MOBILE']),
  contact: z.string().trim().min(1, '请填写电子邮箱或手机号码').max(254, '联系方式过长'),
  password: z.string().min(1, '请设置密码').max(200, '密码长度不能超过128位'),
  confirmPassword: z.string(),
});

export type RegistrationInput = z.infer<typeof registrationInput>;

export interface Registration {
  /** The account waiting for its code (kept by the browser in an HttpOnly cookie, nothing personal). */
  pendingId: string;
  /** Where the code went, masked. */
  sentTo: string;
  delivered: boolean;
}

export async function registerAccount(input: RegistrationInput, ip: string | null): Promise<Registration> {
  const id = checkIdNumber(input.idNumber);
  if (!id.ok) throw new ValidationError(id.message);
  const kind: ContactKind = input.contactKind;
  const unavailable = channelFor(kind).unavailable();
  if (unavailable) throw new UnprocessableError(unavailable);
  const contact = kind === 'EMAIL' ? normaliseEmail(input.contact) : normaliseMobile(input.contact);
  const problems = passwordProblems(input.password, id.normalized);
  if (problems.length) throw new ValidationError(`密码不符合要求：${problems.join('；')}`);
  if (input.password !== input.confirmPassword) throw new ValidationError('两次输入的密码不一致');

  const { sealed, hash } = sealIdentifier('ID_NUMBER', id.normalized);
  const passwordHash = await hashPassword(input.password);
  let accountId: string;
  try {
    accountId = await db.$transaction(async (tx) => {
      const existing = await tx.publicAccount.findUnique({ where: { idNumberHash: hash } });
      if (existing?.verifiedAt) throw new ConflictError(IDENTITY_TAKEN);
      if (existing) await tx.publicAccount.delete({ where: { id: existing.id } });
      const account = await tx.publicAccount.create({
        data: {
          name: input.name,
          idNumberSealed: sealed,
          idNumberHash: hash,
          contactKind: kind,
          email: kind === 'EMAIL' ? contact : null,
          mobileSealed: kind === 'MOBILE' ? sealIdentifier('PHONE', contact).sealed : null,
          passwordHash,
        },
      });
      return account.id;
    });
  } catch (err) {
    // Two registrations of one number at the same moment: the unique hash lets one through.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
      throw new ConflictError(IDENTITY_TAKEN);
    if (err instanceof ConflictError) {
      await auditPublic({
        accountId: null,
        ip,
        action: 'REGISTER',
        result: 'DENIED',
        detail: { reason: 'identity taken' },
      });
    }
    throw err;
  }
  await auditPublic({ accountId, ip, action: 'REGISTER', detail: { contactKind: kind } });
  const delivered = await sendCode(accountId, kind, contact);
  return { pendingId: accountId, sentTo: maskContact(kind, contact), delivered };
}

/** A new code for a registration still waiting (the old one stops working). */
export async function resendCode(pendingId: string, ip: string | null): Promise<Omit<Registration, 'pendingId'>> {
  const account = await pendingAccount(pendingId);
  const contact = contactOf(account);
  const delivered = await sendCode(account.id, account.contactKind as ContactKind, contact);
  await auditPublic({ accountId: account.id, ip, action: 'RESEND_CODE' });
  return { sentTo: maskContact(account.contactKind as ContactKind, contact), delivered };
}

/** The code proves the contact: the account becomes usable. */
export async function verifyRegistration(pendingId: string, code: string, ip: string | null): Promise<string> {
  const account = await db.publicAccount.findUnique({ where: { id: pendingId } });
  if (!account) throw new NotFoundError('注册信息已失效，请重新注册');
  try {
    await consumeCode(account.id, 'REGISTER', code);
  } catch (err) {
    await auditPublic({ accountId: account.id, ip, action: 'VERIFY', result: 'FAIL', detail: { reason: String(err) } });
    throw err;
  }
  if (!account.verifiedAt)
    await db.publicAccount.update({ where: { id: account.id }, data: { verifiedAt: new Date() } });
  await auditPublic({ accountId: account.id, ip, action: 'VERIFY' });
  return account.id;
}

async function sendCode(accountId: string, kind: ContactKind, contact: string): Promise<boolean> {
  const code = await issueCode(accountId, 'REGISTER');
  return channelFor(kind).deliver(contact, {
    subject: '信用武陟 注册验证码',
    text:
      `您好！您正在注册信用武陟个人账号，验证码为：${code}\n\n` +
      `验证码${CODE_VALID_MINUTES}分钟内有效，只能使用一次。如非本人操作，请忽略本邮件。\n\n` +
      '武陟县公共信用信息平台',
  });
}

async function pendingAccount(id: string) {
  const account = await db.publicAccount.findUnique({ where: { id } });
  if (!account) throw new NotFoundError('注册信息已失效，请重新注册');
  if (account.verifiedAt) throw new ConflictError('该账号已完成验证，请直接登录');
  return account;
}

function contactOf(account: { contactKind: string; email: string | null; mobileSealed: string | null }): string {
  if (account.contactKind === 'EMAIL' && account.email) return account.email;
  if (account.contactKind === 'MOBILE' && account.mobileSealed) return unseal(account.mobileSealed);
  throw new UnprocessableError('该账号没有可用的联系方式，请重新注册');
}

function normaliseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (!z.string().email().safeParse(email).success) throw new ValidationError('电子邮箱格式不正确');
  return email;
}

function normaliseMobile(value: string): string {
  const mobile = value.replace(/[\s-]/g, '');
  if (!isPhoneNumber(mobile) || !/^1\d{10}$/.test(mobile)) throw new ValidationError('手机号码格式不正确');
  return mobile;
}

export function maskContact(kind: ContactKind, contact: string): string {
  if (kind === 'MOBILE') return maskPhone(contact);
  const [local = '', domain = ''] = contact.split('@');
  return `${local.slice(0, 2)}***@${domain}`;
}
