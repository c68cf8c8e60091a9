
-- CreateEnum
CREATE TYPE "DepartmentKind" AS ENUM ('CENTRE', 'DEPARTMENT', 'SUBUNIT');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DISABLED');

-- CreateEnum
CREATE TYPE "DataScope" AS ENUM ('OWN', 'OWN_AND_SUB', 'SHARED', 'ALL');

-- CreateEnum
CREATE TYPE "SubjectKind" AS ENUM ('ORG', 'PERSON');

-- CreateEnum
CREATE TYPE "SubjectLinkRole" AS ENUM ('LEGAL_REPRESENTATIVE', 'EXECUTIVE');

-- CreateEnum
CREATE TYPE "CatalogCategory" AS ENUM ('BASIC', 'POSITIVE', 'NEGATIVE', 'COMMERCIAL', 'SOCIAL', 'PUBLIC');

-- CreateEnum
CREATE TYPE "Sensitivity" AS ENUM ('PUBLIC', 'SHARED', 'RESTRICTED', 'CONFIDENTIAL');

-- CreateEnum
CREATE TYPE "CatalogVersionStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "FieldType" AS ENUM ('TEXT', 'NUMBER', 'AMOUNT_WAN', 'DATE', 'ENUM', 'USCC', 'ID_NUMBER', 'CERT_NUMBER', 'PHONE');

-- CreateEnum
CREATE TYPE "BatchSource" AS ENUM ('UPLOAD', 'MANUAL', 'DROP_FOLDER', 'CLI', 'EXCHANGE');

-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('RECEIVED', 'PROCESSING', 'RETURNED', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "SuspectStatus" AS ENUM ('OPEN', 'FIX_SUBMITTED', 'FIXED', 'EXPLAINED', 'ACCEPTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'WORKDAY');

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DepartmentKind" NOT NULL DEFAULT 'DEPARTMENT',
    "uscc" TEXT,
    "parentId" UUID,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "departmentId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "lastLoginAt" TIMESTAMP(3),
    "phoneSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "dataScope" "DataScope" NOT NULL DEFAULT 'OWN',
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Permission" (
    "code" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Permission_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "RolePermission" (
    "roleId" UUID NOT NULL,
    "permissionCode" TEXT NOT NULL,

    CONSTRAINT "RolePermission_pkey" PRIMARY KEY ("roleId","permissionCode")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" UUID NOT NULL,
    "roleId" UUID NOT NULL,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","roleId")
);

-- CreateTable
CREATE TABLE "Subject" (
    "id" UUID NOT NULL,
    "kind" "SubjectKind" NOT NULL,
    "name" TEXT NOT NULL,
    "uscc" TEXT,
    "idNumberSealed" TEXT,
    "idNumberHash" TEXT,
    "orgCategory" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectLink" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "SubjectLinkRole" NOT NULL,
    "title" TEXT,
    "since" TIMESTAMP(3),
    "until" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubjectLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Catalog" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subjectKind" "SubjectKind",
    "category" "CatalogCategory" NOT NULL,
    "sensitivity" "Sensitivity" NOT NULL DEFAULT 'PUBLIC',
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Catalog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogProvider" (
    "catalogId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,

    CONSTRAINT "CatalogProvider_pkey" PRIMARY KEY ("catalogId","departmentId")
);

-- CreateTable
CREATE TABLE "CatalogVersion" (
    "id" UUID NOT NULL,
    "catalogId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "CatalogVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "naturalKey" TEXT[],
    "rules" JSONB NOT NULL DEFAULT '[]',
    "timelinessWorkdays" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CatalogField" (
    "id" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" "FieldType" NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "maxLength" INTEGER,
    "pattern" TEXT,
    "codeTable" TEXT,
    "note" TEXT,
    "aliases" TEXT[],
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "visibility" "Sensitivity" NOT NULL DEFAULT 'PUBLIC',
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "CatalogField_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeTable" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CodeTable_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CodeItem" (
    "tableCode" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "CodeItem_pkey" PRIMARY KEY ("tableCode","code")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "originalName" TEXT NOT NULL,
    "contentType" TEXT,
    "storagePath" TEXT NOT NULL,
    "uploadedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "catalogVersionId" UUID NOT NULL,
    "providerDeptId" UUID NOT NULL,
    "fileId" UUID,
    "source" "BatchSource" NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'RECEIVED',
    "workflowId" TEXT NOT NULL,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsStored" INTEGER NOT NULL DEFAULT 0,
    "rowsUpdated" INTEGER NOT NULL DEFAULT 0,
    "rowsDuplicate" INTEGER NOT NULL DEFAULT 0,
    "rowsSuspect" INTEGER NOT NULL DEFAULT 0,
    "rowsFixed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchEvent" (
    "id" BIGSERIAL NOT NULL,
    "batchId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "actorId" UUID,
    "actorName" TEXT,
    "data" JSONB,
    "dedupKey" TEXT,

    CONSTRAINT "BatchEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuspectItem" (
    "id" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "rowSealed" TEXT NOT NULL,
    "problems" JSONB NOT NULL,
    "status" "SuspectStatus" NOT NULL DEFAULT 'OPEN',
    "fixSealed" TEXT,
    "explanation" TEXT,
    "round" INTEGER NOT NULL DEFAULT 0,
    "recordId" UUID,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuspectItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditRecord" (
    "id" UUID NOT NULL,
    "catalogId" UUID NOT NULL,
    "catalogVersionId" UUID NOT NULL,
    "subjectId" UUID,
    "providerDeptId" UUID NOT NULL,
    "naturalKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "sealed" TEXT,
    "batchId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "decisionDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CreditRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditRecordRevision" (
    "id" BIGSERIAL NOT NULL,
    "recordId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "sealed" TEXT,
    "fingerprint" TEXT NOT NULL,
    "catalogVersionId" UUID NOT NULL,
    "batchId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditRecordRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "workflowType" TEXT NOT NULL,
    "candidateDeptId" UUID,
    "candidatePermission" TEXT,
    "assigneeId" UUID,
    "claimedAt" TIMESTAMP(3),
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "priority" INTEGER NOT NULL DEFAULT 50,
    "dueAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "subjectRef" JSONB,
    "payload" JSONB,
    "outcome" JSONB,
    "completedAt" TIMESTAMP(3),
    "completedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" UUID,
    "username" TEXT,
    "deptId" UUID,
    "ip" TEXT,
    "module" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "objectType" TEXT,
    "objectId" TEXT,
    "result" TEXT NOT NULL DEFAULT 'OK',
    "detail" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "WorkflowSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_code_key" ON "Department"("code");

-- CreateIndex
CREATE INDEX "Department_parentId_idx" ON "Department"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_departmentId_idx" ON "User"("departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Role_code_key" ON "Role"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Subject_uscc_key" ON "Subject"("uscc");

-- CreateIndex
CREATE UNIQUE INDEX "Subject_idNumberHash_key" ON "Subject"("idNumberHash");

-- CreateIndex
CREATE INDEX "Subject_name_idx" ON "Subject"("name");

-- CreateIndex
CREATE INDEX "SubjectLink_personId_idx" ON "SubjectLink"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SubjectLink_orgId_personId_role_key" ON "SubjectLink"("orgId", "personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Catalog_code_key" ON "Catalog"("code");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogVersion_catalogId_version_key" ON "CatalogVersion"("catalogId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogField_versionId_key_key" ON "CatalogField"("versionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_sha256_key" ON "StoredFile"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "ImportBatch_number_key" ON "ImportBatch"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ImportBatch_workflowId_key" ON "ImportBatch"("workflowId");

-- CreateIndex
CREATE INDEX "ImportBatch_providerDeptId_createdAt_idx" ON "ImportBatch"("providerDeptId", "createdAt");

-- CreateIndex
CREATE INDEX "ImportBatch_status_idx" ON "ImportBatch"("status");

-- CreateIndex
CREATE UNIQUE INDEX "BatchEvent_dedupKey_key" ON "BatchEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "BatchEvent_batchId_at_idx" ON "BatchEvent"("batchId", "at");

-- CreateIndex
CREATE INDEX "SuspectItem_batchId_status_idx" ON "SuspectItem"("batchId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SuspectItem_batchId_rowNumber_key" ON "SuspectItem"("batchId", "rowNumber");

-- CreateIndex
CREATE INDEX "CreditRecord_subjectId_idx" ON "CreditRecord"("subjectId");

-- CreateIndex
CREATE INDEX "CreditRecord_batchId_idx" ON "CreditRecord"("batchId");

-- CreateIndex
CREATE INDEX "CreditRecord_providerDeptId_idx" ON "CreditRecord"("providerDeptId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditRecord_catalogId_naturalKey_key" ON "CreditRecord"("catalogId", "naturalKey");

-- CreateIndex
CREATE UNIQUE INDEX "CreditRecordRevision_recordId_revision_key" ON "CreditRecordRevision"("recordId", "revision");

-- CreateIndex
CREATE INDEX "Task_candidateDeptId_status_dueAt_idx" ON "Task"("candidateDeptId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_assigneeId_status_dueAt_idx" ON "Task"("assigneeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_workflowId_idx" ON "Task"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_hash_key" ON "AuditLog"("hash");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_userId_at_idx" ON "AuditLog"("userId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_module_action_at_idx" ON "AuditLog"("module", "action", "at");

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolePermission" ADD CONSTRAINT "RolePermission_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolePermission" ADD CONSTRAINT "RolePermission_permissionCode_fkey" FOREIGN KEY ("permissionCode") REFERENCES "Permission"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubjectLink" ADD CONSTRAINT "SubjectLink_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Subject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubjectLink" ADD CONSTRAINT "SubjectLink_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Subject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogProvider" ADD CONSTRAINT "CatalogProvider_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "Catalog"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogProvider" ADD CONSTRAINT "CatalogProvider_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogVersion" ADD CONSTRAINT "CatalogVersion_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "Catalog"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogField" ADD CONSTRAINT "CatalogField_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CatalogVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeItem" ADD CONSTRAINT "CodeItem_tableCode_fkey" FOREIGN KEY ("tableCode") REFERENCES "CodeTable"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_catalogVersionId_fkey" FOREIGN KEY ("catalogVersionId") REFERENCES "CatalogVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_providerDeptId_fkey" FOREIGN KEY ("providerDeptId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchEvent" ADD CONSTRAINT "BatchEvent_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuspectItem" ADD CONSTRAINT "SuspectItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRecord" ADD CONSTRAINT "CreditRecord_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "Catalog"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRecord" ADD CONSTRAINT "CreditRecord_catalogVersionId_fkey" FOREIGN KEY ("catalogVersionId") REFERENCES "CatalogVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRecord" ADD CONSTRAINT "CreditRecord_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Subject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRecord" ADD CONSTRAINT "CreditRecord_providerDeptId_fkey" FOREIGN KEY ("providerDeptId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRecord" ADD CONSTRAINT "CreditRecord_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ImportBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditRecordRevision" ADD CONSTRAINT "CreditRecordRevision_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "CreditRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_candidateDeptId_fkey" FOREIGN KEY ("candidateDeptId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Audit log is append-only: the application may insert, never change or remove a row (等保 8.1.4.3).
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Human-facing batch numbers (PC20261128-000123) come from one sequence, so two uploads never share one.
CREATE SEQUENCE "batch_number_seq";
