-- DropIndex
DROP INDEX "CreditRecord_subjectId_idx";

-- AlterTable
ALTER TABLE "Subject" ADD COLUMN     "restrictedAt" TIMESTAMP(3),
ADD COLUMN     "restrictedById" UUID,
ADD COLUMN     "restrictedReason" TEXT;

-- AlterTable
ALTER TABLE "CreditRecord" ADD COLUMN     "publicityEnd" DATE,
ADD COLUMN     "publicityMinEnd" DATE,
ADD COLUMN     "publicityStart" DATE,
ADD COLUMN     "repairedAt" TIMESTAMP(3),
ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RecordEvent" (
    "id" BIGSERIAL NOT NULL,
    "recordId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "actorId" UUID,
    "actorName" TEXT,
    "data" JSONB,
    "dedupKey" TEXT,

    CONSTRAINT "RecordEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecordEvent_dedupKey_key" ON "RecordEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "RecordEvent_recordId_at_idx" ON "RecordEvent"("recordId", "at");

-- CreateIndex
CREATE INDEX "CreditRecord_subjectId_catalogId_publicityEnd_idx" ON "CreditRecord"("subjectId", "catalogId", "publicityEnd");

-- CreateIndex
CREATE INDEX "CreditRecord_catalogId_publicityEnd_idx" ON "CreditRecord"("catalogId", "publicityEnd");

-- AddForeignKey
ALTER TABLE "RecordEvent" ADD CONSTRAINT "RecordEvent_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "CreditRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The publicity window (公示期) of one record in SQL: the same computation as publicityWindow() in
-- lib/catalog/admin/publicity.ts (test/integration/publication.test.ts holds them to the same answers). The
-- import computes the window in TypeScript as it writes; this function serves the back-fill below and the
-- rollback of a failed batch (lib/import/rollback.ts), which restore records from their stored values.
-- Month arithmetic clamps like addMonths(): 2026-01-31 + 1 month = 2026-02-28.
CREATE FUNCTION credit_publicity_window(rule JSONB, data JSONB, OUT "start" DATE, OUT "minEnd" DATE, OUT "end" DATE)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  period JSONB := rule;
  raw TEXT;
  max_end DATE;
BEGIN
  IF rule IS NULL OR rule->>'kind' IS DISTINCT FROM 'period' THEN RETURN; END IF;
  raw := data->>(rule->>'from');
  IF raw IS NULL OR raw !~ '^\d{4}-\d{2}-\d{2}$' THEN RETURN; END IF;
  "start" := raw::date;
  IF rule->>'classField' IS NOT NULL AND jsonb_typeof(rule->'classes'->(data->>(rule->>'classField'))) = 'object' THEN
    period := rule->'classes'->(data->>(rule->>'classField'));
  END IF;
  "minEnd" := ("start" + make_interval(months => (period->>'minMonths')::int))::date;
  IF jsonb_typeof(period->'maxMonths') = 'number' THEN
    max_end := ("start" + make_interval(months => (period->>'maxMonths')::int))::date;
  END IF;
  raw := data->>(rule->>'untilField');
  IF raw ~ '^\d{4}-\d{2}-\d{2}$' AND (max_end IS NULL OR raw::date < max_end) THEN
    "end" := raw::date;
  ELSE
    "end" := max_end;
  END IF;
END
$$;

-- Back-fill: every stored record gets the window of its catalog version's rule.
UPDATE "CreditRecord" r
   SET ("publicityStart", "publicityMinEnd", "publicityEnd") =
       (SELECT w."start", w."minEnd", w."end" FROM credit_publicity_window(v."publicityRule", r.data) w)
  FROM "CatalogVersion" v
 WHERE v.id = r."catalogVersionId" AND v."publicityRule" IS NOT NULL AND v."publicityRule"->>'kind' = 'period';
