-- Protection of the public site (issue 13): the counters of the public-query guard (lib/public/guard.ts), the
-- captchas it hands out (lib/public/captcha.ts), the daily count of public queries for the statistics (R-2.4,
-- lib/public/query-stats.ts), and the read-only role the public site reads through (lib/public/read-db.ts).
-- The three tables are infrastructure read and written by raw SQL only, not Prisma models: prisma/schema.prisma
-- is unchanged. Timestamped after the other public-site migrations of issue 13, so the grants below find their
-- tables (news, media, the name-search grams, the report register).

-- Queries per client address and minute (`queries`: every query; `unverified`: those since the address last
-- solved a captcha). UNLOGGED: one upsert per public query without WAL; a crash empties it, which only forgets
-- the last minutes of counting. Several app processes share it, so a limit holds across all of them.
CREATE UNLOGGED TABLE IF NOT EXISTS "PublicQueryBucket" (
    "address" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "queries" INTEGER NOT NULL DEFAULT 0,
    "unverified" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "PublicQueryBucket_pkey" PRIMARY KEY ("address", "minute")
);
CREATE INDEX IF NOT EXISTS "PublicQueryBucket_minute_idx" ON "PublicQueryBucket" ("minute");

-- A captcha shown and not yet answered: its id travels in an httpOnly cookie, the answer stays here (as a
-- keyed hash). Deleted when answered, right or wrong: each captcha admits at most one query.
CREATE UNLOGGED TABLE IF NOT EXISTS "PublicCaptcha" (
    "id" UUID NOT NULL,
    "answerHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PublicCaptcha_pkey" PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "PublicCaptcha_expiresAt_idx" ON "PublicCaptcha" ("expiresAt");

-- Public queries admitted per day (Beijing time) and kind (PublicQueryKind): the "queries made" of the public
-- site. Never a searched term, not even hashed: the count is all the statistics need.
CREATE TABLE IF NOT EXISTS "PublicQueryCount" (
    "day" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "PublicQueryCount_pkey" PRIMARY KEY ("day", "kind")
);

-- The public site's database role (wuzhi_public_reader, NOLOGIN): SELECT on what the public pages show and
-- nothing else — no User, AuditLog, UserSession, account or task tables, no sealed personal columns, no write
-- anywhere. The app reaches it with SET ROLE on its own connections (lib/public/read-db.ts), so it needs no
-- password of its own and works the same on the embedded and an external PostgreSQL: the application's group
-- xinyong_app is made a member. On a managed server where the migrating role may not create roles, a DBA runs
-- this block once (docs/operations.md); until then the public pages fail closed (SET ROLE is refused).
-- Tables added later by other migrations that the public site reads need their own
--   GRANT SELECT ON "<Table>" TO wuzhi_public_reader;
DO $$
DECLARE
  s text := current_schema();
  t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wuzhi_public_reader') THEN
    IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
      RAISE NOTICE 'role wuzhi_public_reader does not exist and % may not create it: no grants made', current_user;
      RETURN;
    END IF;
    BEGIN
      CREATE ROLE wuzhi_public_reader NOLOGIN;
    EXCEPTION WHEN duplicate_object THEN
      NULL; -- created meanwhile by a migration of another database on this server
    END;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO wuzhi_public_reader', s);
  -- Catalogs, code tables and departments: labels and the classification the publication rule reads.
  FOREACH t IN ARRAY ARRAY['Catalog', 'CatalogVersion', 'CatalogField', 'CodeTable', 'CodeItem', 'Department',
                           'SubjectLink', 'CalendarDay', 'CreditReport', 'SubjectNameGram', 'Article',
                           'ArticleCategory', 'MediaImage', 'MediaVariant']
  LOOP
    IF to_regclass(format('%I', t)) IS NOT NULL THEN
      EXECUTE format('GRANT SELECT ON %I TO wuzhi_public_reader', t);
    END IF;
  END LOOP;
  -- Subjects without the sealed 身份证号 and the staff's restriction notes (the keyed hash finds a person).
  GRANT SELECT ("id", "kind", "name", "uscc", "idNumberHash", "orgCategory", "restricted", "createdAt", "updatedAt")
    ON "Subject" TO wuzhi_public_reader;
  -- Records without their sealed personal fields.
  GRANT SELECT ("id", "catalogId", "catalogVersionId", "subjectId", "providerDeptId", "data", "revision",
                "decisionDate", "publicityStart", "publicityMinEnd", "publicityEnd", "withdrawnAt", "repairedAt",
                "createdAt", "updatedAt")
    ON "CreditRecord" TO wuzhi_public_reader;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xinyong_app') THEN
    GRANT wuzhi_public_reader TO xinyong_app;
  END IF;
END $$;
