// Certificate (CA) login for intranet and internet, reserved and off by default (CERT_LOGIN_ENABLED).
// TLS client authentication happens at the reverse proxy (nginx `ssl_verify_client on` against the CA), which
// passes the verified certificate on in headers. The app trusts those headers only when the request also
// carries the proxy's shared secret, maps the certificate's SHA-256 fingerprint to a user (UserCertificate)
// and checks validity, revocation and the account itself. nginx configuration: README, Security.
import { timingSafeEqual, X509Certificate } from 'node:crypto';
import { writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { GENERIC_LOGIN_ERROR, type AuthResult } from './authenticate';

export const CERT_HEADERS = {
  /** nginx: $ssl_client_verify (SUCCESS, FAILED:reason or NONE). */
  verify: 'x-ssl-client-verify',
  /** nginx: $ssl_client_escaped_cert (the PEM, URL-encoded). */
  cert: 'x-ssl-client-cert',
  /** A secret only the proxy knows, proving the two headers above come from it. */
  secret: 'x-client-cert-secret',
} as const;

export interface ClientCertificate {
  fingerprint: string;
  subjectDn: string;
  issuerDn: string;
  serial: string;
  validFrom: Date;
  validTo: Date;
}

export type CertRead =
  | { ok: true; cert: ClientCertificate }
  | { ok: false; reason: 'disabled' | 'untrusted' | 'not verified' | 'missing' | 'malformed' | 'expired' };

export interface CertConfig {
  enabled: boolean;
  sharedSecret?: string;
}

/** The certificate the proxy verified, if the request may be believed. */
export function readClientCertificate(headers: Headers, cfg: CertConfig, now: Date = new Date()): CertRead {
  if (!cfg.enabled || !cfg.sharedSecret) return { ok: false, reason: 'disabled' };
  if (!sameSecret(headers.get(CERT_HEADERS.secret) ?? '', cfg.sharedSecret)) return { ok: false, reason: 'untrusted' };
  if (headers.get(CERT_HEADERS.verify) !== 'SUCCESS') return { ok: false, reason: 'not verified' };
  const raw = headers.get(CERT_HEADERS.cert);
  if (!raw) return { ok: false, reason: 'missing' };
  let cert: ClientCertificate;
  try {
    cert = describeCertificate(decodeURIComponent(raw));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (now < cert.validFrom || now > cert.validTo) return { ok: false, reason: 'expired' };
  return { ok: true, cert };
}

export function describeCertificate(pem: string | Buffer): ClientCertificate {
  const x = new X509Certificate(pem);
  return {
    fingerprint: x.fingerprint256.replace(/:/g, '').toLowerCase(),
    subjectDn: x.subject.split('\n').join(', '),
    issuerDn: x.issuer.split('\n').join(', '),
    serial: x.serialNumber,
    validFrom: new Date(x.validFrom),
    validTo: new Date(x.validTo),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Maps a certificate to its user (administrator's action). */
export async function registerCertificate(userId: string, pem: string, label?: string): Promise<ClientCertificate> {
  const cert = describeCertificate(pem);
  await db.userCertificate.create({
    data: {
      userId,
      fingerprint: cert.fingerprint,
      subjectDn: cert.subjectDn,
      issuerDn: cert.issuerDn,
      serial: cert.serial,
      notAfter: cert.validTo,
      label: label ?? null,
    },
  });
  return cert;
}

/**
 * Signs in the user a verified certificate is mapped to. The certificate is the cryptographic factor that
 * 等保 8.1.4.1 d) asks for (its key is held in a PIN-protected UKey), so no TOTP code is asked after it.
 */
export async function certificateLogin(
  cert: ClientCertificate,
  ip: string | null,
  now = new Date(),
): Promise<AuthResult> {
  const row = await db.userCertificate.findUnique({
    where: { fingerprint: cert.fingerprint },
    include: { user: true },
  });
  const user = row?.user;
  const reason = !row
    ? 'unknown certificate'
    : row.revokedAt
      ? 'certificate revoked'
      : user!.status !== 'ACTIVE'
        ? 'disabled'
        : user!.lockedUntil && user!.lockedUntil > now
          ? 'locked'
          : null;
  await writeAudit(db, {
    userId: user?.id,
    username: user?.username,
    deptId: user?.departmentId,
    ip,
    module: 'auth',
    action: 'LOGIN',
    result: reason ? 'FAIL' : 'OK',
    detail: {
      method: 'CERTIFICATE',
      subject: cert.subjectDn,
      fingerprint: cert.fingerprint,
      ...(reason ? { reason } : {}),
    },
  });
  if (reason || !user) return { ok: false, error: GENERIC_LOGIN_ERROR };
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return {
    ok: true,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      sessionVersion: user.sessionVersion,
      mfaRequired: false,
    },
  };
}
