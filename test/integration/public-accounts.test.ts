// Public accounts against a real SMTP server on loopback (smtp-server, started here): registration with a
// real name and 身份证号, the code that arrived verifies the contact once (a replay is refused), one account per
// identity, lockout, the public and staff realms kept apart both ways over HTTP, the self-query of the own full
// record (not public records included, personal values in clear, audited), and declared representation —
// confirmed at once for the legal representative, otherwise by staff.
import { randomBytes, randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT_MINUTES } from '../../lib/auth/authenticate';
import { currentVersionId } from '../../lib/catalog/load';
import { sealIdentifier, sealJson } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { makeIdNumber } from '../../lib/identifiers/id-number';
import { makeUscc } from '../../lib/identifiers/uscc';
import { deliverMail, sendMail } from '../../lib/mail/send';
import { startMailSink, type MailSink } from '../../lib/mail/sink';
import { smtpTransport, type MailTransport } from '../../lib/mail/transport';
import { registerAccount, verifyRegistration, IDENTITY_TAKEN } from '../../lib/public-accounts/register';
import { representedOrgRecords, ownRecords } from '../../lib/public-accounts/self-query';
import { declareRepresentation } from '../../lib/public-accounts/representation';
import { PUBLIC_SESSION_COOKIE, readPublicSession } from '../../lib/public-accounts/session';
import { PUBLIC_LOGIN_ERROR, signInPublic } from '../../lib/public-accounts/signin';
import { signInHttp, type HttpSession } from '../support/http-session';
import { createTestUser } from '../support/users';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const PASSWORD = 'Gongzhong-Test-2026!';
let sink: MailSink;

beforeAll(async () => {
  sink = await startMailSink({ dir: mkdtempSync(join(tmpdir(), 'public-accounts-mail-')) });
  // This process sends through the test's own server (the app's stack has its own sink).
  process.env.SMTP_URL = sink.url;
});
afterAll(async () => {
  await sink?.stop();
  await db.$disconnect();
});

const newIdNumber = () =>
  makeIdNumber('410823', `19${randomInt(60, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`, String(randomInt(100, 999)));
const newEmail = () => `p${randomBytes(4).toString('hex')}@example.test`;

/** The six-digit code in the newest mail that reached the SMTP server for `email`. */
function codeSentTo(email: string): string {
  const mail = sink
    .messages()
    .filter((m) => m.to.includes(email))
    .at(-1);
  const code = mail?.text.match(/验证码为：(\d{6})/)?.[1];
  if (!code) throw new Error(`no code arrived for ${email}`);
  return code;
}

async function registered(name = '王测试'): Promise<{ id: string; idNumber: string; email: string }> {
  const idNumber = newIdNumber();
  const email = newEmail();
  const r = await registerAccount(
    { name, idNumber, contactKind: 'EMAIL', contact: email, password: PASSWORD, confirmPassword: PASSWORD },
    '127.0.0.1',
  );
  await verifyRegistration(r.pendingId, codeSentTo(email), '127.0.0.1');
  return { id: r.pendingId, idNumber, email };
}

async function publicFetch(token: string, path: string, init: RequestInit = {}) {
  return fetch(`${APP_URL}${path}`, {
    redirect: 'manual',
    ...init,
    headers: {
      cookie: `${PUBLIC_SESSION_COOKIE}=${token}`,
      origin: APP_URL,
      'Content-Type': 'application/json',
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

describe('mail', () => {
  it('R-6.1 records a mail that cannot be delivered as failed with its reason, and a later attempt sends it', async () => {
    // A port nobody listens on: the connection is refused.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const dead: MailTransport = {
      send: async (m) => {
        const info = await nodemailer
          .createTransport({ host: '127.0.0.1', port: closed, connectionTimeout: 5_000 })
          .sendMail({ from: 'noreply@xinyong.wuzhi.local', ...m });
        return { messageId: String(info.messageId) };
      },
    };
    const to = newEmail();
    const failed = await sendMail({ to, subject: '测试通知', text: '正文', purpose: 'TEST' }, dead);
    expect(failed.status).toBe('FAILED');
    const row = await db.mailMessage.findUniqueOrThrow({ where: { id: failed.id } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.error).toMatch(/ECONNREFUSED/);
    // The retry (issue 14's activity) delivers the same row, not a second one.
    expect(await deliverMail(failed.id, smtpTransport)).toMatchObject({ status: 'SENT' });
    expect(await db.mailMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: 'SENT',
      attempts: 2,
      error: null,
    });
    expect(sink.messages().filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('R-6.1 lists sent and failed mail on the staff page for holders of admin:mail only', async () => {
    const to = newEmail();
    await sendMail({ to, subject: '邮件页测试', text: '正文', purpose: 'TEST' });
    const role = await db.role.upsert({
      where: { code: 'T_MAIL_VIEW' },
      create: {
        code: 'T_MAIL_VIEW',
        name: '邮件记录（测试）',
        permissions: { create: [{ permissionCode: 'admin:mail' }] },
      },
      update: {},
    });
    const holder = await createTestUser({ roles: [role.code] });
    const html = await (await (await signInHttp(holder.username, holder.password)).fetch('/admin/mail')).text();
    expect(html).toContain('data-testid="mail-list"');
    expect(html).toContain(to);
    expect(html).toContain('已发送');
    const other = await createTestUser({ roles: ['DEPT_OPERATOR'], dept: 'RSJ' });
    const refused = await (await (await signInHttp(other.username, other.password)).fetch('/admin/mail')).text();
    expect(refused).toContain('data-testid="forbidden"');
    expect(refused).not.toContain(to);
  });
});

describe('registration', () => {
  it('R-6.1 verifies the contact by the code that arrived at the SMTP server, once; a replayed code is refused', async () => {
    const idNumber = newIdNumber();
    const email = newEmail();
    const r = await registerAccount(
      { name: '李注册', idNumber, contactKind: 'EMAIL', contact: email, password: PASSWORD, confirmPassword: PASSWORD },
      null,
    );
    expect(r.delivered).toBe(true);
    expect(r.sentTo).not.toContain(email.split('@')[0]);
    const mail = sink.messages().find((m) => m.to.includes(email))!;
    expect(mail.subject).toContain('验证码');
    const code = codeSentTo(email);
    // Recorded for staff (/admin/mail) as sent.
    const row = await db.mailMessage.findFirstOrThrow({ where: { to: email } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, purpose: 'VERIFY_CODE' });

    const wrong = code === '000000' ? '111111' : '000000';
    await expect(verifyRegistration(r.pendingId, wrong, null)).rejects.toThrow(/验证码不正确，还可再试4次/);
    await expect(verifyRegistration(r.pendingId, code, null)).resolves.toBe(r.pendingId);
    await expect(verifyRegistration(r.pendingId, code, null)).rejects.toMatchObject({
      status: 409,
      message: '该验证码已经使用过，不能重复使用',
    });
    const account = await db.publicAccount.findUniqueOrThrow({ where: { id: r.pendingId } });
    expect(account.verifiedAt).not.toBeNull();
    // Sealed at rest: the number is not in the row in clear.
    expect(JSON.stringify(account)).not.toContain(idNumber);
  });

  it('R-6.1 checks the 身份证号 and the password policy, and refuses the mobile channel while SMS is not open', async () => {
    const base = { name: '赵校验', contactKind: 'EMAIL' as const, contact: newEmail(), confirmPassword: PASSWORD };
    const good = newIdNumber();
    const badCheck = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    await expect(registerAccount({ ...base, idNumber: badCheck, password: PASSWORD }, null)).rejects.toThrow(
      /校验位错误/,
    );
    await expect(
      registerAccount({ ...base, idNumber: '410823198502301234', password: PASSWORD }, null),
    ).rejects.toThrow(/出生日期/);
    await expect(
      registerAccount({ ...base, idNumber: good, password: 'short', confirmPassword: 'short' }, null),
    ).rejects.toThrow(/密码长度至少12位/);
    await expect(
      registerAccount(
        { ...base, idNumber: good, contactKind: 'MOBILE', contact: '13800138000', password: PASSWORD },
        null,
      ),
    ).rejects.toMatchObject({ status: 422, message: '短信验证暂未开通，请使用电子邮箱注册' });
    expect(await db.publicAccount.count({ where: { idNumberHash: sealIdentifier('ID_NUMBER', good).hash } })).toBe(0);
  });

  it('R-6.1 keeps one account per identity: someone else registering a registered 身份证号 gets a message that reveals nothing more', async () => {
    const owner = await registered();
    const attempt = registerAccount(
      {
        name: '冒用者',
        idNumber: owner.idNumber,
        contactKind: 'EMAIL',
        contact: newEmail(),
        password: PASSWORD,
        confirmPassword: PASSWORD,
      },
      null,
    );
    await expect(attempt).rejects.toMatchObject({ status: 409, message: IDENTITY_TAKEN });
    expect(IDENTITY_TAKEN).not.toContain(owner.email.split('@')[0]!);
    // The owner's account is untouched.
    const still = await db.publicAccount.findUniqueOrThrow({ where: { id: owner.id } });
    expect(still.email).toBe(owner.email);
  });
});

describe('sign-in', () => {
  it('R-6.1 R-8.2 locks the account after five wrong passwords, like staff, and opens it after the lockout', async () => {
    const a = await registered();
    const now = new Date();
    for (let i = 0; i < 5; i++) {
      await expect(signInPublic({ login: a.idNumber, password: 'Wrong-Password-1' }, null, now)).rejects.toThrow(
        PUBLIC_LOGIN_ERROR,
      );
    }
    // The right password is refused while locked, with the same generic answer.
    await expect(signInPublic({ login: a.idNumber, password: PASSWORD }, null, now)).rejects.toThrow(
      PUBLIC_LOGIN_ERROR,
    );
    const later = new Date(now.getTime() + (LOCKOUT_MINUTES + 1) * 60_000);
    const ok = await signInPublic({ login: a.email, password: PASSWORD }, null, later);
    expect(await readPublicSession(ok.token)).toMatchObject({ accountId: a.id });
  });
});

describe('separation of the public and staff realms', () => {
  let token: string;
  let staff: HttpSession;
  let account: { id: string; idNumber: string };

  beforeAll(async () => {
    account = await registered();
    token = (await signInPublic({ login: account.idNumber, password: PASSWORD }, null)).token;
    const s = await createTestUser({ roles: ['CENTRE_STAFF'] });
    staff = await signInHttp(s.username, s.password);
  });

  it('R-6.1 R-8.1 a public session reaches no staff page and no staff API', async () => {
    for (const path of ['/inbox', '/home', '/records', '/admin/users', '/admin/mail', '/admin/representatives']) {
      const res = await publicFetch(token, path);
      expect([302, 303, 307, 308], path).toContain(res.status);
      expect(res.headers.get('location'), path).toMatch(/\/login/);
    }
    for (const path of ['/api/records', '/api/admin/users', '/api/admin/logs', '/api/stats']) {
      const res = await publicFetch(token, path);
      expect(res.status, path).toBe(401);
    }
    const decide = await publicFetch(token, `/api/admin/representatives/${crypto.randomUUID()}`, {
      method: 'POST',
      body: JSON.stringify({ decision: 'CONFIRM' }),
    });
    expect(decide.status).toBe(401);
    // Nor can the public identity sign in as staff: it is not a staff account.
    await expect(signInHttp(account.idNumber, PASSWORD)).rejects.toThrow(/sign-in/);
  });

  it('R-6.1 a staff session is not a public account: the account pages send it to the public sign-in', async () => {
    const page = await staff.fetch('/account');
    expect([302, 303, 307, 308]).toContain(page.status);
    expect(page.headers.get('location')).toMatch(/\/signin/);
    for (const path of ['/api/public/account/records', '/api/public/account/me', '/api/public/account/organisations']) {
      const res = await staff.fetch(path);
      expect(res.status, path).toBe(401);
      expect(JSON.stringify(await res.json())).toContain('请先登录个人账号');
    }
  });

  it('R-6.1 the signed-in account page and its API answer with Cache-Control: no-store', async () => {
    const page = await publicFetch(token, '/account');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toMatch(/no-store/);
    const api = await publicFetch(token, '/api/public/account/records');
    expect(api.status).toBe(200);
    expect(api.headers.get('cache-control')).toMatch(/no-store/);
  });
});

describe('self-query and representation', () => {
  let person: { id: string; idNumber: string; email: string };
  let session: NonNullable<Awaited<ReturnType<typeof readPublicSession>>>;
  let personSubjectId: string;
  let ownedOrg: { id: string; uscc: string };
  let otherOrg: { id: string; uscc: string };
  const secretAddress = `武陟县木城镇自查路${randomInt(1, 999)}号`;

  beforeAll(async () => {
    person = await registered('孙自查');
    session = (await readPublicSession((await signInPublic({ login: person.email, password: PASSWORD }, null)).token))!;
    const { hash, sealed } = sealIdentifier('ID_NUMBER', person.idNumber);
    personSubjectId = (
      await db.subject.create({ data: { kind: 'PERSON', name: '孙自查', idNumberHash: hash, idNumberSealed: sealed } })
    ).id;
    // A record of a catalog that is never public (自然人基本信息, CONFIDENTIAL), with a sealed personal field.
    const versionId = await currentVersionId(db, 'PERSON_BASIC');
    const dept = await db.department.findUniqueOrThrow({ where: { code: 'GAJ' } });
    const t = randomBytes(4).toString('hex');
    const batch = await db.importBatch.create({
      data: {
        number: `SELF-${t}`,
        catalogVersionId: versionId,
        providerDeptId: dept.id,
        source: 'MANUAL',
        workflowId: `test-self-${t}`,
        status: 'COMPLETED',
      },
    });
    const version = await db.catalogVersion.findUniqueOrThrow({ where: { id: versionId } });
    await db.creditRecord.create({
      data: {
        catalogId: version.catalogId,
        catalogVersionId: versionId,
        subjectId: personSubjectId,
        providerDeptId: dept.id,
        naturalKey: `self-${t}`,
        fingerprint: `self-${t}`,
        data: { nation: '汉族' },
        sealed: sealJson({ address: secretAddress }),
        batchId: batch.id,
        rowNumber: 1,
      },
    });
    const org = async (name: string, legalRep: boolean) => {
      const uscc = makeUscc('91410823', randomBytes(4).toString('hex').toUpperCase());
      const o = await db.subject.create({
        data: {
          kind: 'ORG',
          name,
          uscc,
          ...(legalRep
            ? { orgLinks: { create: { personId: personSubjectId, role: 'LEGAL_REPRESENTATIVE', title: '法定代表人' } } }
            : {}),
        },
      });
      return { id: o.id, uscc };
    };
    ownedOrg = await org(`武陟县自查${t}有限公司`, true);
    otherOrg = await org(`武陟县代理${t}商贸有限公司`, false);
  });

  it('R-6.1 shows a signed-in person their own full record, non-public records and personal values included, audited', async () => {
    const before = await db.auditLog.count({ where: { module: 'public-account', action: 'SELF_QUERY' } });
    const mine = await ownRecords(session, '127.0.0.1');
    expect(mine.subject?.id).toBe(personSubjectId);
    expect(mine.total).toBe(1);
    const record = mine.catalogs[0]!.records[0]!;
    expect(record.notPublicBecause).toContain('所属目录不公开');
    expect(record.values.map((v) => v.value)).toContain(secretAddress);
    expect(await db.auditLog.count({ where: { module: 'public-account', action: 'SELF_QUERY' } })).toBe(before + 1);

    // Over HTTP too, with no-store; another account sees none of it.
    const token = (await signInPublic({ login: person.idNumber, password: PASSWORD }, null)).token;
    const res = await publicFetch(token, '/api/public/account/records');
    expect(JSON.stringify(await res.json())).toContain(secretAddress);
    const stranger = await registered();
    const strangerToken = (await signInPublic({ login: stranger.idNumber, password: PASSWORD }, null)).token;
    const theirs = await publicFetch(strangerToken, '/api/public/account/records');
    expect(JSON.stringify(await theirs.json())).not.toContain(secretAddress);
  });

  it('R-6.1 confirms a declared organisation at once for its registered legal representative', async () => {
    const r = await declareRepresentation(session, ownedOrg.uscc, null);
    expect(r.status).toBe('CONFIRMED');
    const records = await representedOrgRecords(session, ownedOrg.id, null);
    expect(records.subject?.id).toBe(ownedOrg.id);
    await expect(declareRepresentation(session, ownedOrg.uscc, null)).rejects.toMatchObject({ status: 409 });
    const wrongCheck = ownedOrg.uscc.slice(0, 17) + (ownedOrg.uscc.endsWith('1') ? '2' : '1');
    await expect(declareRepresentation(session, wrongCheck, null)).rejects.toMatchObject({ status: 400 });
  });

  it('R-6.1 keeps another declared organisation pending until staff confirm it on the staff side', async () => {
    const r = await declareRepresentation(session, otherOrg.uscc, null);
    expect(r.status).toBe('PENDING');
    await expect(representedOrgRecords(session, otherOrg.id, null)).rejects.toMatchObject({ status: 404 });

    const o = await createTestUser({ roles: ['DEPT_OPERATOR'], dept: 'RSJ' });
    const operator = await signInHttp(o.username, o.password);
    const refused = await operator.fetch(`/api/admin/representatives/${r.id}`, {
      method: 'POST',
      json: { decision: 'CONFIRM' },
    });
    expect(refused.status).toBe(403);

    const s = await createTestUser({ roles: ['CENTRE_STAFF'] });
    const staff = await signInHttp(s.username, s.password);
    const page = await staff.fetch('/admin/representatives');
    expect(await page.text()).toContain(`武陟县代理`);
    const noReason = await staff.fetch(`/api/admin/representatives/${r.id}`, {
      method: 'POST',
      json: { decision: 'REJECT' },
    });
    expect(noReason.status).toBe(400);
    const ok = await staff.fetch(`/api/admin/representatives/${r.id}`, {
      method: 'POST',
      json: { decision: 'CONFIRM' },
    });
    expect(ok.status).toBe(200);
    const again = await staff.fetch(`/api/admin/representatives/${r.id}`, {
      method: 'POST',
      json: { decision: 'CONFIRM' },
    });
    expect(again.status).toBe(409);
    const records = await representedOrgRecords(session, otherOrg.id, null);
    expect(records.subject?.name).toContain('代理');
  });
});
