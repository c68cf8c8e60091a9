-- The return-and-fix loop at full strength: explanations reviewed by the credit centre, a trace of every fix
-- round, centre feedback (中心反馈) on stored records, the timeliness flag and controlled subjects.

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('OPEN', 'REVIEW', 'CLOSED');

-- CreateEnum
CREATE TYPE "FeedbackItemStatus" AS ENUM ('OPEN', 'SUBMITTED', 'CORRECTED', 'EXPLAINED');

-- AlterTable
ALTER TABLE "Subject" ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SuspectItem" ADD COLUMN     "reviewComment" TEXT,
ADD COLUMN     "reviewDecision" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedById" UUID;

-- AlterTable
ALTER TABLE "CreditRecord" ADD COLUMN     "reportedLate" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FixEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "suspectItemId" UUID,
    "feedbackItemId" UUID,
    "round" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "actorId" UUID,
    "actorName" TEXT,
    "data" JSONB,
    "dedupKey" TEXT,

    CONSTRAINT "FixEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackCase" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "providerDeptId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'OPEN',
    "round" INTEGER NOT NULL DEFAULT 1,
    "workflowId" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdByName" TEXT NOT NULL,
    "closedById" UUID,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedbackCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackItem" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "status" "FeedbackItemStatus" NOT NULL DEFAULT 'OPEN',
    "fixSealed" TEXT,
    "explanation" TEXT,
    "centreComment" TEXT,
    "revision" INTEGER,
    "respondedById" UUID,
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedbackItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FixEvent_dedupKey_key" ON "FixEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "FixEvent_suspectItemId_at_idx" ON "FixEvent"("suspectItemId", "at");

-- CreateIndex
CREATE INDEX "FixEvent_feedbackItemId_at_idx" ON "FixEvent"("feedbackItemId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackCase_number_key" ON "FeedbackCase"("number");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackCase_workflowId_key" ON "FeedbackCase"("workflowId");

-- CreateIndex
CREATE INDEX "FeedbackCase_providerDeptId_status_idx" ON "FeedbackCase"("providerDeptId", "status");

-- CreateIndex
CREATE INDEX "FeedbackItem_recordId_idx" ON "FeedbackItem"("recordId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackItem_caseId_recordId_key" ON "FeedbackItem"("caseId", "recordId");

-- AddForeignKey
ALTER TABLE "FixEvent" ADD CONSTRAINT "FixEvent_suspectItemId_fkey" FOREIGN KEY ("suspectItemId") REFERENCES "SuspectItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FixEvent" ADD CONSTRAINT "FixEvent_feedbackItemId_fkey" FOREIGN KEY ("feedbackItemId") REFERENCES "FeedbackItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "FeedbackCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "CreditRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Human-facing feedback case numbers (FK<date>-<seq>), like batch numbers.
CREATE SEQUENCE "feedback_number_seq";
