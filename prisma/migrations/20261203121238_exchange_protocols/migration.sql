-- CreateTable
CREATE TABLE "ExchangeNodeKey" (
    "id" UUID NOT NULL,
    "nodeRef" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "apiKeyHash" TEXT,
    "deptCode" TEXT NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validTo" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeNodeKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeNonce" (
    "nodeRef" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeNonce_pkey" PRIMARY KEY ("nodeRef","nonce")
);

-- CreateTable
CREATE TABLE "ExchangeReceipt" (
    "id" UUID NOT NULL,
    "nodeRef" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "catalogCode" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "batchId" UUID,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeRefusal" (
    "id" BIGSERIAL NOT NULL,
    "nodeRef" TEXT,
    "channel" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExchangeRefusal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeTransfer" (
    "id" TEXT NOT NULL,
    "nodeRef" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "catalogCode" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "chunkSize" INTEGER NOT NULL,
    "chunkCount" INTEGER NOT NULL,
    "manifest" JSONB NOT NULL,
    "received" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "status" TEXT NOT NULL DEFAULT 'RECEIVING',
    "receiptId" UUID,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ExchangeTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CityUpload" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "payloadSha256" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "cityRef" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CityUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeNodeKey_nodeRef_keyId_key" ON "ExchangeNodeKey"("nodeRef", "keyId");

-- CreateIndex
CREATE INDEX "ExchangeNonce_at_idx" ON "ExchangeNonce"("at");

-- CreateIndex
CREATE INDEX "ExchangeReceipt_at_idx" ON "ExchangeReceipt"("at");

-- CreateIndex
CREATE UNIQUE INDEX "ExchangeReceipt_nodeRef_sha256_key" ON "ExchangeReceipt"("nodeRef", "sha256");

-- CreateIndex
CREATE INDEX "ExchangeRefusal_at_idx" ON "ExchangeRefusal"("at");

-- CreateIndex
CREATE INDEX "ExchangeRefusal_channel_at_idx" ON "ExchangeRefusal"("channel", "at");

-- CreateIndex
CREATE INDEX "ExchangeTransfer_nodeRef_createdAt_idx" ON "ExchangeTransfer"("nodeRef", "createdAt");

-- CreateIndex
CREATE INDEX "CityUpload_status_lastAttemptAt_idx" ON "CityUpload"("status", "lastAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "CityUpload_kind_objectId_revision_key" ON "CityUpload"("kind", "objectId", "revision");

