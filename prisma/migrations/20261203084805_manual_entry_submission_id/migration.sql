-- AlterTable
ALTER TABLE "ImportBatch" ADD COLUMN     "submissionId" UUID;

-- CreateIndex
CREATE INDEX "ImportBatch_submissionId_idx" ON "ImportBatch"("submissionId");

