-- FILE sources run through exchange flows: a run records the files it saw and refused (lib/exchange/file-sync.ts).
ALTER TABLE "ExchangeRun" ADD COLUMN "filesRead" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ExchangeRun" ADD COLUMN "filesRefused" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ExchangeRun" ADD COLUMN "notes" TEXT;
