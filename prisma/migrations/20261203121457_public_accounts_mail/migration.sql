-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "RepresentationStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED');

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" UUID NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "messageId" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicAccount" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberSealed" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "contactKind" TEXT NOT NULL,
    "email" TEXT,
    "mobileSealed" TEXT,
    "passwordHash" TEXT NOT NULL,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicVerificationCode" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicVerificationCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicSession" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublicSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicRepresentation" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "status" "RepresentationStatus" NOT NULL DEFAULT 'PENDING',
    "basis" TEXT,
    "decidedById" UUID,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublicRepresentation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailMessage_createdAt_idx" ON "MailMessage"("createdAt");

-- CreateIndex
CREATE INDEX "MailMessage_status_nextAttemptAt_idx" ON "MailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublicAccount_idNumberHash_key" ON "PublicAccount"("idNumberHash");

-- CreateIndex
CREATE INDEX "PublicAccount_email_idx" ON "PublicAccount"("email");

-- CreateIndex
CREATE INDEX "PublicVerificationCode_accountId_createdAt_idx" ON "PublicVerificationCode"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublicSession_tokenHash_key" ON "PublicSession"("tokenHash");

-- CreateIndex
CREATE INDEX "PublicSession_accountId_idx" ON "PublicSession"("accountId");

-- CreateIndex
CREATE INDEX "PublicRepresentation_status_createdAt_idx" ON "PublicRepresentation"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublicRepresentation_accountId_orgId_key" ON "PublicRepresentation"("accountId", "orgId");

-- AddForeignKey
ALTER TABLE "PublicVerificationCode" ADD CONSTRAINT "PublicVerificationCode_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PublicAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicSession" ADD CONSTRAINT "PublicSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PublicAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicRepresentation" ADD CONSTRAINT "PublicRepresentation_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PublicAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicRepresentation" ADD CONSTRAINT "PublicRepresentation_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Subject"("id") ON DELETE CASCADE ON UPDATE CASCADE;

