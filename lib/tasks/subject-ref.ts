// A task's subjectRef (a JSON column): what the task is about, written by the workflow's HumanTaskSpec — the
// batch of a return-and-fix task, the case of a centre-feedback task. Read through one schema so a malformed
// row is reported with the column's name.
import { z } from 'zod';
import { readJsonColumn } from '@/lib/db/json-column';

const subjectRefSchema = z
  .looseObject({ batchId: z.string().optional(), feedbackCaseId: z.string().optional() })
  .nullable();

export type SubjectRef = z.output<typeof subjectRefSchema>;

export function readSubjectRef(value: unknown): SubjectRef {
  return readJsonColumn(subjectRefSchema, value ?? null, 'Task.subjectRef');
}
