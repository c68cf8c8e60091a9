-- CreateTable
CREATE TABLE "CreditReport" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "checkCodeHash" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentSha256" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "CreditReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CreditReport_seq_key" ON "CreditReport"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "CreditReport_number_key" ON "CreditReport"("number");

-- CreateIndex
CREATE INDEX "CreditReport_subjectId_issuedAt_idx" ON "CreditReport"("subjectId", "issuedAt");

-- AddForeignKey
ALTER TABLE "CreditReport" ADD CONSTRAINT "CreditReport_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Subject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- 双公示 lists (lib/public/publicity.ts): a catalog's records newest decision first, keyset on (decisionDate, id),
-- optionally of one department or one category (处罚类别 / 许可类别). Partial on the holds of the publication
-- rule, so withdrawn and repaired records are not even in the index; the window and the restricted-subject
-- test are checked on the rows the ordered scan yields, which at the head of the list are nearly all public.
-- Prisma cannot express partial or expression indexes: they live here only.
CREATE INDEX "CreditRecord_publicity_list_idx" ON "CreditRecord"("catalogId", "decisionDate" DESC, "id" DESC)
  WHERE "withdrawnAt" IS NULL AND "repairedAt" IS NULL;
CREATE INDEX "CreditRecord_publicity_dept_idx" ON "CreditRecord"("catalogId", "providerDeptId", "decisionDate" DESC, "id" DESC)
  WHERE "withdrawnAt" IS NULL AND "repairedAt" IS NULL;
CREATE INDEX "CreditRecord_publicity_category_idx" ON "CreditRecord"(
  "catalogId", (COALESCE("data"->>'penaltyCategory', "data"->>'licenseCategory')), "decisionDate" DESC, "id" DESC)
  WHERE "withdrawnAt" IS NULL AND "repairedAt" IS NULL;
