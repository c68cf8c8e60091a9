-- The 双公示 department filter lists each public catalog's providing departments (lib/public/publicity.ts), which
-- the public read role (migration 20261203130800_public_protection) could not read.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wuzhi_public_reader') THEN
    GRANT SELECT ON "CatalogProvider" TO wuzhi_public_reader;
  END IF;
END $$;
