-- Administration (R-7.1–R-7.5, R-7.8): shared-department data scope, column grants, menus and operation
-- buttons as data, data-dictionary history, and the account fields of the dormant-account job.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "reactivatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RoleSharedDepartment" (
    "roleId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,

    CONSTRAINT "RoleSharedDepartment_pkey" PRIMARY KEY ("roleId","departmentId")
);

-- CreateTable
CREATE TABLE "ColumnGrant" (
    "roleId" UUID NOT NULL,
    "catalogId" UUID NOT NULL,
    "fieldKey" TEXT NOT NULL,

    CONSTRAINT "ColumnGrant_pkey" PRIMARY KEY ("roleId","catalogId","fieldKey")
);

-- CreateTable
CREATE TABLE "Menu" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "href" TEXT,
    "parentId" UUID,
    "permissionCode" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Menu_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Operation" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "menuId" UUID,
    "permissionCode" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Operation_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CodeItemRevision" (
    "id" BIGSERIAL NOT NULL,
    "tableCode" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "changedById" UUID,
    "changedByName" TEXT,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodeItemRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoleSharedDepartment_departmentId_idx" ON "RoleSharedDepartment"("departmentId");

-- CreateIndex
CREATE INDEX "ColumnGrant_catalogId_idx" ON "ColumnGrant"("catalogId");

-- CreateIndex
CREATE UNIQUE INDEX "Menu_code_key" ON "Menu"("code");

-- CreateIndex
CREATE INDEX "Menu_parentId_idx" ON "Menu"("parentId");

-- CreateIndex
CREATE INDEX "CodeItemRevision_tableCode_changedAt_idx" ON "CodeItemRevision"("tableCode", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CodeItemRevision_tableCode_code_revision_key" ON "CodeItemRevision"("tableCode", "code", "revision");

-- AddForeignKey
ALTER TABLE "RoleSharedDepartment" ADD CONSTRAINT "RoleSharedDepartment_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleSharedDepartment" ADD CONSTRAINT "RoleSharedDepartment_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ColumnGrant" ADD CONSTRAINT "ColumnGrant_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ColumnGrant" ADD CONSTRAINT "ColumnGrant_catalogId_fkey" FOREIGN KEY ("catalogId") REFERENCES "Catalog"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Menu" ADD CONSTRAINT "Menu_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Menu"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Menu" ADD CONSTRAINT "Menu_permissionCode_fkey" FOREIGN KEY ("permissionCode") REFERENCES "Permission"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_menuId_fkey" FOREIGN KEY ("menuId") REFERENCES "Menu"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Operation" ADD CONSTRAINT "Operation_permissionCode_fkey" FOREIGN KEY ("permissionCode") REFERENCES "Permission"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeItemRevision" ADD CONSTRAINT "CodeItemRevision_tableCode_code_fkey" FOREIGN KEY ("tableCode", "code") REFERENCES "CodeItem"("tableCode", "code") ON DELETE CASCADE ON UPDATE CASCADE;
