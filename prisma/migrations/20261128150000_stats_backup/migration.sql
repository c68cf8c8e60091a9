-- Statistics and backups (R-2.4, R-7.6, R-7.7): the backup and restore-drill records, and indexes for the
-- statistics GROUP BYs over a period (records, batches and tasks by date) and the audit-log search.

-- CreateEnum
CREATE TYPE "BackupStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "OffsiteStatus" AS ENUM ('PENDING', 'NOT_CONFIGURED', 'VERIFIED', 'FAILED');

-- CreateEnum
CREATE TYPE "RestoreDrillStatus" AS ENUM ('RUNNING', 'PASSED', 'FAILED');

-- CreateTable
CREATE TABLE "Backup" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedById" UUID,
    "requestedByName" TEXT,
    "status" "BackupStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "path" TEXT,
    "sizeBytes" BIGINT,
    "manifest" JSONB,
    "checksums" JSONB,
    "offsiteStatus" "OffsiteStatus" NOT NULL DEFAULT 'PENDING',
    "offsitePath" TEXT,
    "offsiteVerifiedAt" TIMESTAMP(3),
    "offsiteError" TEXT,
    "prunedAt" TIMESTAMP(3),
    "offsitePrunedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "Backup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RestoreDrill" (
    "id" UUID NOT NULL,
    "backupId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "requestedById" UUID,
    "requestedByName" TEXT,
    "status" "RestoreDrillStatus" NOT NULL DEFAULT 'RUNNING',
    "source" TEXT,
    "scratchDatabase" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "report" JSONB,
    "error" TEXT,

    CONSTRAINT "RestoreDrill_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Backup_status_startedAt_idx" ON "Backup"("status", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RestoreDrill_workflowId_key" ON "RestoreDrill"("workflowId");

-- CreateIndex
CREATE INDEX "RestoreDrill_backupId_startedAt_idx" ON "RestoreDrill"("backupId", "startedAt");

-- AddForeignKey
ALTER TABLE "RestoreDrill" ADD CONSTRAINT "RestoreDrill_backupId_fkey" FOREIGN KEY ("backupId") REFERENCES "Backup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Statistics: records stored per department and catalog in a period is an index-only range scan.
-- CreateIndex
CREATE INDEX "CreditRecord_createdAt_providerDeptId_catalogId_idx" ON "CreditRecord"("createdAt", "providerDeptId", "catalogId");

-- CreateIndex
CREATE INDEX "ImportBatch_createdAt_idx" ON "ImportBatch"("createdAt");

-- CreateIndex
CREATE INDEX "Task_dueAt_idx" ON "Task"("dueAt");

-- Audit-log search by department and by user name (failed sign-ins of unknown names have no userId).
-- CreateIndex
CREATE INDEX "AuditLog_deptId_at_idx" ON "AuditLog"("deptId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_username_at_idx" ON "AuditLog"("username", "at");
