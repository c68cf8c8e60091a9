// All activities of the worker, built from their dependencies (one Prisma client per process).
import type { Db } from '@/lib/db';
import { createAccountActivities } from './account-activities';
import { createBackupActivities } from './backup-activities';
import { createBatchActivities } from './batch-activities';
import { createExchangeActivities } from './exchange-activities';
import { createExchangeFlowActivities } from './exchange-flow-activities';
import { createFeedbackActivities } from './feedback-activities';
import { createFileActivities } from './file-activities';
import { createImportActivities } from './import-activities';
import { createPublicationActivities } from './publication-activities';
import { createSuspectActivities } from './suspect-activities';
import { createTaskActivities } from './task-activities';

export interface ActivityDeps {
  db: Db;
}

export const createActivities = (deps: ActivityDeps) => ({
  ...createBatchActivities(deps),
  ...createImportActivities(deps),
  ...createTaskActivities(deps),
  ...createSuspectActivities(deps),
  ...createFeedbackActivities(deps),
  ...createAccountActivities(deps),
  ...createBackupActivities(deps),
  ...createExchangeActivities(deps),
  ...createExchangeFlowActivities(deps),
  ...createPublicationActivities(deps),
  ...createFileActivities(deps),
});

export type Activities = ReturnType<typeof createActivities>;
