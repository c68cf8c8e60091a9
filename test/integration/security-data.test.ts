// Data protection: personal identifiers sealed at rest and revealed only to a permitted role,
// one audited value at a time; signatures on exchanged files that expose any change; certificate login
// with a certificate made here by openssl and mapped to a user; and the real audit chain still verifying.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit/verify';
import { GENERIC_LOGIN_ERROR } from '../../lib/auth/authenticate';
import { CERT_HEADERS, certificateLogin, readClientCertificate, registerCertificate } from '../../lib/auth/cert-login';
import { loadUser } from '../../lib/auth/load-user';
import { checkSession, openSession } from '../../lib/auth/session';
import { blindIndex, sealIdentifier, unsealJson } from '../../lib/crypto/pii';
import { revealPersonal } from '../../lib/crypto/reveal';
import { signBytes, verifyBytes } from '../../lib/crypto/signing';
import { db } from '../../lib/db';
import { ForbiddenError, ValidationError } from '../../lib/errors';
import { makeIdNumber } from '../../lib/identifiers';
import { recordValues } from '../../lib/records/values';
import { temporal } from '../../lib/temporal';
import { uploadRows } from '../support/fix-loop';
import { penaltyRows } from '../support/penalty-data';
import { createTestUser } from '../support/users';
import { waitForBatchStatus } from '../support/wait';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'security-data-'));
// This file's own signing key (env() reads it on first use).
process.env.SIGNING_KEY = randomBytes(32).toString('base64');
process.env.SIGNING_KEY_ID = 'wuzhi-test';

afterAll(() => db.$disconnect());

// The audit rows before this file's actions: what other files wrote depends on the order files run in.
let auditRowsBefore = 0;
beforeAll(async () => {
  auditRowsBefore = await db.auditLog.count();
});

describe('personal identifiers', () => {
  // Numbers no other test writes: a hit anywhere in the database can only come from this file's import.
  const serial = () => String(Math.floor(Math.random() * 999)).padStart(3, '0');
  const idNumber = makeIdNumber('410823', '19760312', serial());
  const legalRepIdNumber = makeIdNumber('410823', '19690921', serial());
  const suspectIdNumber = makeIdNumber('410823', '19820517', serial());
  let recordId: string;
  let batchId: string;

  // The import path itself, through the real worker: a person's penalty, an organisation's with its legal
  // representative's number, and a faulty row that becomes a suspect item.
  beforeAll(async () => {
    const [org, person, faulty] = penaltyRows(3, { prefix: `PII${Date.now()}-` });
    org!.values.legalRepIdNumber = legalRepIdNumber;
    const asPerson = (values: Record<string, string>, certNumber: string, name: string) => ({
      ...values,
      subjectCategory: '01',
      subjectName: name,
      uscc: '',
      legalRepName: '',
      legalRepCertType: '',
      legalRepIdNumber: '',
      certType: '01',
      certNumber,
    });
    person!.values = asPerson(person!.values, idNumber, '张三');
    faulty!.values = { ...asPerson(faulty!.values, suspectIdNumber, '李四'), decisionDate: '2026-02-30' };
    batchId = await uploadRows('scjgj01', [org!, person!, faulty!], 'personal-identifiers.xlsx');
    await waitForBatchStatus(batchId, ['RETURNED']);
    recordId = (await db.creditRecord.findFirstOrThrow({ where: { batchId, rowNumber: 3 } })).id;
  });

  it('R-8.1 stores what an import brings with no ID number in clear in any table or in the workflow history', async () => {
    // The import did store all three, sealed: the check below is not passing on rows that lack them.
    const records = await db.creditRecord.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } });
    expect(records.map((r) => recordValues(r).legalRepIdNumber ?? recordValues(r).certNumber)).toEqual([
      legalRepIdNumber,
      idNumber,
    ]);
    const [suspect] = await db.suspectItem.findMany({ where: { batchId } });
    expect(unsealJson<Record<string, string>>(suspect!.rowSealed).certNumber).toBe(suspectIdNumber);

    const tables = await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['CreditRecord', 'Subject', 'SuspectItem']));
    const inClear: string[] = [];
    for (const { name } of tables) {
      for (const number of [idNumber, legalRepIdNumber, suspectIdNumber]) {
        const [hit] = await db.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${name}" t WHERE t::text LIKE $1`,
          `%${number}%`,
        );
        if (hit!.n) inClear.push(`${name}: ${number}`);
      }
    }
    expect(inClear).toEqual([]);

    // Nor in what Temporal keeps of the import: its inputs, activity results and signals.
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
    const history = await temporal().workflow.getHandle(batch.workflowId).fetchHistory();
    const text = JSON.stringify(history, (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v,
    );
    expect(text).toContain(batch.id); // the history was read as text
    for (const number of [idNumber, legalRepIdNumber, suspectIdNumber]) expect(text).not.toContain(number);
  });

  it('R-8.1 reveals one value to a role allowed to see it, and logs the reveal with the field', async () => {
    const staff = (await loadUser({ id: (await createTestUser({ roles: ['CENTRE_STAFF'] })).id }))!;
    expect(await revealPersonal(staff, recordId, 'certNumber', '10.0.0.9')).toBe(idNumber);
    const entry = await db.auditLog.findFirstOrThrow({ where: { objectId: recordId, userId: staff.id } });
    expect(entry).toMatchObject({ module: 'personal', action: 'READ', result: 'OK', ip: '10.0.0.9' });
    expect(entry.detail).toMatchObject({ field: 'certNumber' });
    expect(JSON.stringify(entry.detail)).not.toContain(idNumber);
    await expect(revealPersonal(staff, recordId, 'subjectName')).rejects.toBeInstanceOf(ValidationError);
  });

  it('R-8.1 refuses a role without the permission, and logs the refusal', async () => {
    const operator = (await loadUser({ id: (await createTestUser({ roles: ['DEPT_OPERATOR'], dept: 'SCJGJ' })).id }))!;
    await expect(revealPersonal(operator, recordId, 'certNumber')).rejects.toBeInstanceOf(ForbiddenError);
    const entry = await db.auditLog.findFirstOrThrow({ where: { objectId: recordId, userId: operator.id } });
    expect(entry.result).toBe('DENIED');
  });

  it('R-8.1 seals phone numbers like ID numbers and finds them by a keyed hash whatever the format', () => {
    const a = sealIdentifier('PHONE', '+86 139-1234-5678');
    const b = sealIdentifier('PHONE', '13912345678');
    expect(a.hash).toBe(b.hash);
    expect(a.sealed).not.toContain('13912345678');
    expect(a.hash).not.toBe(blindIndex('13912345678')); // its own domain, apart from ID numbers
    expect(sealIdentifier('ID_NUMBER', '41082319900101001x ').hash).toBe(
      sealIdentifier('ID_NUMBER', '41082319900101001X').hash,
    );
  });
});

describe('signed exchange files', () => {
  it('R-8.1 verifies a signed export and refuses it once a byte changed', () => {
    const file = Buffer.from('统一社会信用代码,行政相对人名称\n91410823MA00000000,武陟县某公司\n');
    const signature = signBytes(file, { signer: '信用武陟' });
    expect(signature.keyId).toBe('wuzhi-test');
    expect(verifyBytes(file, signature)).toMatchObject({ ok: true, signer: '信用武陟' });
    const forged = Buffer.from(file.toString().replace('某公司', '另一公司'));
    expect(verifyBytes(forged, signature)).toEqual({ ok: false, reason: 'digest mismatch' });
    expect(verifyBytes(forged, { ...signature, sha256: signBytes(forged, { signer: 'x' }).sha256 })).toEqual({
      ok: false,
      reason: 'bad signature',
    });
  });

  it('R-8.1 signs and verifies with the CLI a receiver uses, and exits non-zero on a changed file', async () => {
    const path = join(dir, 'export.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const run = (...args: string[]) =>
      promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'signature.ts'), ...args], {
        cwd: ROOT,
        env: process.env,
      });
    await run('sign', path, '信用武陟');
    expect(JSON.parse(readFileSync(`${path}.sig.json`, 'utf8'))).toMatchObject({ alg: 'Ed25519', signer: '信用武陟' });
    expect((await run('verify', path)).stdout).toContain('valid: signed by 信用武陟');
    writeFileSync(path, 'a,b\n1,3\n');
    await expect(run('verify', path)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('digest mismatch'),
    });
  });
});

describe('certificate login', () => {
  const secret = randomBytes(24).toString('hex');
  const cfg = { enabled: true, sharedSecret: secret };
  let pem: string;
  let strangerPem: string;

  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

  function makeCert(cn: string): string {
    const key = join(dir, `${cn}.key`);
    const csr = join(dir, `${cn}.csr`);
    const out = join(dir, `${cn}.pem`);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    const subj = `/C=CN/O=武陟县信用中心/CN=${cn}`;
    openssl('req', ...ec, '-keyout', key, '-out', csr, '-utf8', '-subj', subj);
    openssl(
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(dir, 'ca.pem'),
      '-CAkey',
      join(dir, 'ca.key'),
      '-CAcreateserial',
      '-out',
      out,
      '-days',
      '1',
    );
    return readFileSync(out, 'utf8');
  }
  const headers = (certPem: string, extra: Record<string, string> = {}) =>
    new Headers({
      [CERT_HEADERS.verify]: 'SUCCESS',
      [CERT_HEADERS.cert]: encodeURIComponent(certPem),
      [CERT_HEADERS.secret]: secret,
      ...extra,
    });

  beforeAll(() => {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      join(dir, 'ca.key'),
      '-out',
      join(dir, 'ca.pem'),
      '-subj',
      '/CN=Wuzhi Test CA',
      '-days',
      '2',
    );
    pem = makeCert('cert-user');
    strangerPem = makeCert('stranger');
  });

  it('R-8.2 signs in the user a verified certificate is mapped to, with no TOTP step', async () => {
    const u = await createTestUser({ roles: ['SYS_ADMIN'] });
    const registered = await registerCertificate(u.id, pem, 'UKey 01');
    expect(registered.subjectDn).toContain('CN=cert-user');
    const read = readClientCertificate(headers(pem), cfg);
    expect(read).toMatchObject({ ok: true, cert: { fingerprint: registered.fingerprint } });
    const result = await certificateLogin(read.ok ? read.cert : registered, '10.0.0.7');
    expect(result).toMatchObject({ ok: true, user: { id: u.id, mfaRequired: false } });
    const user = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    const sid = await openSession(u.id, { method: 'CERTIFICATE', mfaRequired: false, ip: null });
    expect(await checkSession({ uid: u.id, sid, sv: user.sessionVersion })).toEqual({ ok: true, mfa: 'ok' });
    const audit = await db.auditLog.findFirstOrThrow({ where: { userId: u.id, action: 'LOGIN' } });
    expect(audit.detail).toMatchObject({ method: 'CERTIFICATE', fingerprint: registered.fingerprint });
  });

  it('R-8.2 believes the headers only from the proxy, and only for a certificate it verified', () => {
    expect(readClientCertificate(headers(pem), { enabled: false, sharedSecret: secret })).toEqual({
      ok: false,
      reason: 'disabled',
    });
    expect(readClientCertificate(headers(pem, { [CERT_HEADERS.secret]: 'x'.repeat(48) }), cfg)).toEqual({
      ok: false,
      reason: 'untrusted',
    });
    expect(readClientCertificate(headers(pem, { [CERT_HEADERS.verify]: 'FAILED:expired' }), cfg)).toEqual({
      ok: false,
      reason: 'not verified',
    });
    expect(readClientCertificate(headers('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'), cfg)).toEqual(
      {
        ok: false,
        reason: 'malformed',
      },
    );
    const tomorrowPlus = new Date(Date.now() + 3 * 86_400_000);
    expect(readClientCertificate(headers(pem), cfg, tomorrowPlus)).toEqual({ ok: false, reason: 'expired' });
  });

  it('R-8.2 refuses an unmapped or revoked certificate with the one generic answer', async () => {
    const stranger = readClientCertificate(headers(strangerPem), cfg);
    expect(stranger.ok && (await certificateLogin(stranger.cert, null))).toEqual({
      ok: false,
      error: GENERIC_LOGIN_ERROR,
    });
    const read = readClientCertificate(headers(pem), cfg);
    await db.userCertificate.updateMany({
      where: { fingerprint: read.ok ? read.cert.fingerprint : '' },
      data: { revokedAt: new Date() },
    });
    expect(read.ok && (await certificateLogin(read.cert, null))).toEqual({ ok: false, error: GENERIC_LOGIN_ERROR });
  });
});

describe('the audit trail of this run', () => {
  it('R-8.2 still verifies after every sign-in, reveal and refusal above', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const report = await verifyAuditChain(client);
      expect(report.break).toBeUndefined();
      // At least this file's reveal, refused reveal and certificate sign-in joined the chain (found above).
      expect(report.rows).toBeGreaterThanOrEqual(auditRowsBefore + 3);
    } finally {
      await client.end();
    }
  });
});
