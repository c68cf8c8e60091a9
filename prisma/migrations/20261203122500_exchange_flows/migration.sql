-- CreateEnum
CREATE TYPE "ExchangeNodeKind" AS ENUM ('DEPARTMENT_FRONT_END', 'CITY_PLATFORM', 'OTHER');

-- CreateEnum
CREATE TYPE "ExchangeSourceKind" AS ENUM ('DATABASE', 'SFTP', 'FTP', 'IMAP', 'SMTP_INBOX', 'REST_PUSH', 'SOAP', 'DROP_FOLDER');

-- CreateEnum
CREATE TYPE "ExchangeDirection" AS ENUM ('IN', 'OUT', 'TWO_WAY');

-- CreateEnum
CREATE TYPE "ExchangeRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED');

-- CreateTable
CREATE TABLE "ExchangeNode" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ExchangeNodeKind" NOT NULL,
    "endpoint" TEXT NOT NULL,
    "credentials" TEXT,
    "departmentId" UUID,
    "healthAt" TIMESTAMP(3),
    "healthOk" BOOLEAN,
    "healthMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeNode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeSource" (
    "id" UUID NOT NULL,
    "nodeId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ExchangeSourceKind" NOT NULL,
    "config" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeFlow" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sourceId" UUID NOT NULL,
    "catalogCode" TEXT NOT NULL,
    "direction" "ExchangeDirection" NOT NULL DEFAULT 'IN',
    "mapping" JSONB NOT NULL,
    "cron" TEXT,
    "intervalMinutes" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "watermarkColumn" TEXT,
    "cursor" TEXT,
    "columns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "writeBackTable" TEXT,
    "previewHash" TEXT,
    "stoppedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExchangeFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeRun" (
    "id" UUID NOT NULL,
    "flowId" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "workflowId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" "ExchangeRunStatus" NOT NULL DEFAULT 'RUNNING',
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsImported" INTEGER NOT NULL DEFAULT 0,
    "rowsWritten" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "batchIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "cursorBefore" TEXT,
    "cursorAfter" TEXT,

    CONSTRAINT "ExchangeRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeNode_name_key" ON "ExchangeNode"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeSource_nodeId_name_key" ON "ExchangeSource"("nodeId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeFlow_name_key" ON "ExchangeFlow"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeRun_workflowId_key" ON "ExchangeRun"("workflowId");

-- CreateIndex
CREATE INDEX "ExchangeRun_flowId_startedAt_idx" ON "ExchangeRun"("flowId", "startedAt");

-- AddForeignKey
ALTER TABLE "ExchangeNode" ADD CONSTRAINT "ExchangeNode_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeSource" ADD CONSTRAINT "ExchangeSource_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "ExchangeNode"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeFlow" ADD CONSTRAINT "ExchangeFlow_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ExchangeSource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeRun" ADD CONSTRAINT "ExchangeRun_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "ExchangeFlow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

