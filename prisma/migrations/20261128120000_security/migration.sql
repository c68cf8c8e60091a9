-- Security (R-8, R-8.1, R-8.2): server-side sessions, password history, TOTP, certificate login, phone lookup
-- hash; the application's database role; the guarded audit purge.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "phoneHash" TEXT,
ADD COLUMN     "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpSecretSealed" TEXT;

-- CreateTable
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "mfaRequired" BOOLEAN NOT NULL DEFAULT false,
    "mfaVerifiedAt" TIMESTAMP(3),
    "ip" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordHistory" (
    "id" BIGSERIAL NOT NULL,
    "userId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserCertificate" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "subjectDn" TEXT NOT NULL,
    "issuerDn" TEXT,
    "serial" TEXT,
    "notAfter" TIMESTAMP(3),
    "label" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "PasswordHistory_userId_createdAt_idx" ON "PasswordHistory"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserCertificate_fingerprint_key" ON "UserCertificate"("fingerprint");

-- CreateIndex
CREATE INDEX "UserCertificate_userId_idx" ON "UserCertificate"("userId");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordHistory" ADD CONSTRAINT "PasswordHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserCertificate" ADD CONSTRAINT "UserCertificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The audit log stays append-only for everyone (the trigger) with one exception: the retention purge
-- (scripts/audit-purge.ts) may delete rows older than the legal minimum of 184 days (Cybersecurity Law
-- Art. 21: at least six months), and only in a session that declared itself the purge. The application's
-- role has no DELETE privilege at all (below), so only the owner role can run it.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('xinyong.audit_purge', true) = 'on'
     AND OLD."at" < (now() AT TIME ZONE 'UTC') - interval '184 days' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only';
END;
$$ LANGUAGE plpgsql;

-- The application's database role (xinyong_app): read and write the business tables, only INSERT and
-- SELECT on the audit log, nothing on the migrations table. Created when the role running migrations may
-- create roles (a superuser, as with the embedded PostgreSQL); on a managed server a DBA creates it once
-- (README, Security). Production connects with a LOGIN role that is a member of it:
--   CREATE ROLE xinyong_web LOGIN PASSWORD '…' IN ROLE xinyong_app;
-- Later migrations' tables are covered by the default privileges of the role that runs the migrations.
DO $$
DECLARE
  s text := current_schema();
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xinyong_app') THEN
    IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
      RAISE NOTICE 'role xinyong_app does not exist and % may not create it: no grants made', current_user;
      RETURN;
    END IF;
    BEGIN
      CREATE ROLE xinyong_app NOLOGIN;
    EXCEPTION WHEN duplicate_object THEN
      NULL; -- created meanwhile by a migration of another database on this server
    END;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO xinyong_app', s);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO xinyong_app', s);
  EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO xinyong_app', s);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO xinyong_app', s);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO xinyong_app', s);
  REVOKE UPDATE, DELETE, TRUNCATE ON "AuditLog" FROM xinyong_app;
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM xinyong_app;
  END IF;
END $$;
