-- Catalog engine and collection modes (R-4.0, R-1.3.1, R-1.3.2): versions with a publicity rule and an
-- author, immutability of published versions enforced by the database, the expected row count of a batch
-- (for its ETA) and the log of files read from the exchange drop folders.

-- AlterTable
ALTER TABLE "CatalogVersion" ADD COLUMN     "publicityRule" JSONB,
ADD COLUMN     "changeNote" TEXT,
ADD COLUMN     "createdById" UUID,
ADD COLUMN     "publishedById" UUID,
ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "expectedRows" INTEGER;

-- CreateTable
CREATE TABLE "ExchangeFile" (
    "id" UUID NOT NULL,
    "deptCode" TEXT NOT NULL,
    "catalogCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "outcome" TEXT NOT NULL,
    "batchId" UUID,
    "reason" TEXT,
    "movedTo" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExchangeFile_at_idx" ON "ExchangeFile"("at");

-- CreateIndex
CREATE INDEX "ExchangeFile_sha256_idx" ON "ExchangeFile"("sha256");


-- A published catalog version is immutable: records and batches keep the version they were checked against,
-- so its definition must never change under them (lib/catalog/admin/versions.ts enforces the same in code;
-- this holds for every other writer). Allowed: any change of a DRAFT, DRAFT → PUBLISHED, PUBLISHED → RETIRED
-- (with retiredAt), deleting a DRAFT. Everything else of a PUBLISHED or RETIRED version is refused.
CREATE FUNCTION catalog_version_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'DRAFT' THEN
      RAISE EXCEPTION 'catalog version % is %: only a draft can be deleted', OLD.id, OLD.status
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'DRAFT' THEN
    IF NEW.status = 'RETIRED' THEN
      RAISE EXCEPTION 'catalog version % is a draft: publish it before retiring it', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT (OLD.status = NEW.status OR (OLD.status = 'PUBLISHED' AND NEW.status = 'RETIRED')) THEN
    RAISE EXCEPTION 'catalog version % cannot go from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;
  IF (to_jsonb(NEW) - 'status' - 'retiredAt') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'retiredAt') THEN
    RAISE EXCEPTION 'catalog version % is % and immutable', OLD.id, OLD.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CatalogVersion_immutable" BEFORE UPDATE OR DELETE ON "CatalogVersion"
  FOR EACH ROW EXECUTE FUNCTION catalog_version_immutable();

-- The fields of a version may be written while it is a draft, or in the very transaction that created or
-- published it (the seed creates a published version with its fields in one statement): the version row's
-- xmin is then this transaction's id. Afterwards they are frozen. A field whose version row is no longer
-- visible is being removed by the cascade of an allowed draft deletion.
CREATE FUNCTION catalog_field_immutable() RETURNS trigger AS $$
DECLARE
  v record;
  version_ids uuid[];
  vid uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    version_ids := ARRAY[NEW."versionId"];
  ELSIF TG_OP = 'DELETE' THEN
    version_ids := ARRAY[OLD."versionId"];
  ELSE
    version_ids := ARRAY[OLD."versionId", NEW."versionId"];
  END IF;
  FOREACH vid IN ARRAY version_ids LOOP
    SELECT status, xmin::text AS tx INTO v FROM "CatalogVersion" WHERE id = vid;
    IF FOUND AND v.status <> 'DRAFT' AND v.tx <> (txid_current() % 4294967296)::text THEN
      RAISE EXCEPTION 'the fields of catalog version % are frozen: it is %', vid, v.status
        USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CatalogField_immutable" BEFORE INSERT OR UPDATE OR DELETE ON "CatalogField"
  FOR EACH ROW EXECUTE FUNCTION catalog_field_immutable();

-- A batch is checked against a published version, never a draft or a retired one.
CREATE FUNCTION import_batch_published_version() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "CatalogVersion" WHERE id = NEW."catalogVersionId" AND status = 'PUBLISHED') THEN
    RAISE EXCEPTION 'batch % refers to catalog version % which is not published', NEW.id, NEW."catalogVersionId"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ImportBatch_published_version" BEFORE INSERT ON "ImportBatch"
  FOR EACH ROW EXECUTE FUNCTION import_batch_published_version();
