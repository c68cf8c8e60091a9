-- Workflow starts owed by committed rows (lib/workflow-starts.ts): written with the row, deleted once started.
-- CreateTable
CREATE TABLE "PendingWorkflowStart" (
    "workflowId" TEXT NOT NULL,
    "workflowType" TEXT NOT NULL,
    "taskQueue" TEXT,
    "args" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "PendingWorkflowStart_pkey" PRIMARY KEY ("workflowId")
);

-- CreateIndex
CREATE INDEX "PendingWorkflowStart_lastAttemptAt_createdAt_idx" ON "PendingWorkflowStart"("lastAttemptAt", "createdAt");

-- A batch committed before this table existed whose workflow start failed (Temporal unreachable at that moment)
-- stayed RECEIVED with no workflow. Owe each RECEIVED batch its start: one whose workflow does exist is recognised
-- by Temporal (REJECT_DUPLICATE) and the row is simply dropped.
INSERT INTO "PendingWorkflowStart" ("workflowId", "workflowType", "args")
SELECT "workflowId", 'importBatch', jsonb_build_array(jsonb_build_object('batchId', "id"))
FROM "ImportBatch"
WHERE "status" = 'RECEIVED'
ON CONFLICT DO NOTHING;
