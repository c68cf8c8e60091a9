// All activities of the worker, built from their dependencies (one Prisma client per process).
import type { Db } from '@/lib/db';
import { createBatchActivities } from './batch-activities';
import { createImportActivities } from './import-activities';
import { createTaskActivities } from './task-activities';

export interface ActivityDeps {
  db: Db;
}

export const createActivities = (deps: ActivityDeps) => ({
  ...createBatchActivities(deps),
  ...createImportActivities(deps),
  ...createTaskActivities(deps),
});

export type Activities = ReturnType<typeof createActivities>;
