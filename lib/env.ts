// Configuration, validated once. App code reads settings from here, never from process.env directly.
import { z } from 'zod';
import { proxyEntryProblem } from './http/client-address';

const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('xinyong'),
  // Encryption of personal identifiers at rest (AES-256-GCM) and their keyed lookup hash (HMAC-SHA-256).
  PII_ENC_KEY: base64Key,
  PII_HMAC_KEY: base64Key,
  FILE_STORE_DIR: z.string().default('.data/files'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  // Hours a stored file no batch or task references is kept before the nightly sweep removes it (lib/files/sweep.ts).
  FILE_ORPHAN_GRACE_HOURS: z.coerce.number().int().min(1).default(24),
  APP_URL: z.string().url().default('http://localhost:3000'),
  // The port the server entry (server/main.ts) listens on, on every interface.
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR blocks, comma- or space-separated);
  // from any other peer the connection's own address is the client's. Default: none (lib/http/client-address.ts).
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        const problem = proxyEntryProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    }),
  // ── security: see README, Security
  // Days a password stays valid (等保 定期更换); 0 turns expiry off.
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  // Audit rows younger than this are never purged; the law asks for at least six months (184 days).
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(184, 'must be at least 184 days (six months)').default(365),
  // Certificate login through the reverse proxy (off unless true). The proxy proves itself with the shared
  // secret header X-Client-Cert-Secret.
  CERT_LOGIN_ENABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  CERT_LOGIN_SHARED_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Failed sign-ins from one client address within LOGIN_IP_WINDOW_MINUTES before that address is refused
  // without a password check (password spraying across accounts; scrypt work as a denial of service). 0: off.
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(0).default(50),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // Ed25519 key signing exported and exchanged files (32-byte seed, base64), its id, and other parties'
  // public keys to verify against: JSON {"keyId": "base64 raw 32-byte public key"}.
  SIGNING_KEY: base64Key.optional(),
  SIGNING_KEY_ID: z.string().min(1).max(64).optional(),
  SIGNING_TRUSTED_KEYS: z.string().default('{}'),
  // ── backups (R-7.7, lib/backup): local copies (default: `backups` next to FILE_STORE_DIR), how many to keep,
  // the off-site directory (a mounted remote share) and its retention, when the schedule runs (cron, UTC;
  // default 03:00 Beijing time) or every BACKUP_INTERVAL instead (e.g. 6h), and the connection for backups
  // and restore drills (a drill creates a scratch database: the role needs CREATEDB; default DATABASE_URL).
  BACKUP_DIR: z.string().optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
  BACKUP_OFFSITE_DIR: z.string().optional(),
  BACKUP_OFFSITE_KEEP: z.coerce.number().int().min(1).default(30),
  BACKUP_CRON: z.string().default('0 19 * * *'),
  BACKUP_INTERVAL: z
    .string()
    .regex(/^\d+[smhd]$/, 'a duration such as 6h or 30m')
    .optional(),
  BACKUP_DATABASE_URL: z.string().url().optional(),
  // ── public site (issue 13, Protection; lib/public/guard.ts, lib/public/read-db.ts)
  // Public reads go to this read replica when set (as the read-only role wuzhi_public_reader either way).
  DATABASE_READ_URL: z.string().url().optional(),
  PUBLIC_DB_POOL: z.coerce.number().int().min(1).max(100).default(10),
  PUBLIC_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // Public queries one client address may make per minute (sliding window) before a 429; 0: no limit.
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  // After this many queries within PUBLIC_CAPTCHA_WINDOW_MINUTES an address must solve a captcha; 0: never.
  PUBLIC_CAPTCHA_AFTER: z.coerce.number().int().min(0).default(20),
  PUBLIC_CAPTCHA_WINDOW_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  // ── mail (lib/mail): the SMTP server mail is sent through, either as one URL
  // (smtp://user:password@host:587, smtps://… for TLS from the start) or as the separate settings below; the URL
  // wins. None set: mail is recorded as failed with the reason (npm start sets SMTP_URL to its own local sink).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('信用武陟 <noreply@xinyong.wuzhi.local>'),
  // The SMS gateway for codes sent to a mobile number (an HTTP endpoint taking JSON { to, text }). Unset: the
  // mobile channel is shown as not yet available and registration asks for an email address.
  SMS_GATEWAY_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid configuration: ${issues}`);
    }
    cached = parsed.data;
  }
  return cached;
}
