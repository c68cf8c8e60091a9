// The JSON columns that hold catalog data: a version's cross-field rules and publicity rule, and the problems
// the row check found (suspect items, fix events). Read schemas, looser than the editor's input schemas in
// ./admin/schemas.ts: they check the stored shape, not the editing rules.
import { z } from 'zod';
import { readJsonColumn } from '@/lib/db/json-column';
import type { PublicityPeriod, PublicityRule } from './admin/publicity';
import type { CatalogRule, Problem } from './types';

const problemSchema: z.ZodType<Problem> = z.object({
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

const ruleSchema: z.ZodType<CatalogRule> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('requiredWhen'),
    field: z.string(),
    when: z.object({ field: z.string(), in: z.array(z.string()) }),
  }),
  z.object({ kind: z.literal('dateOrder'), before: z.string(), after: z.string(), message: z.string() }),
  z.object({ kind: z.literal('notFuture'), field: z.string() }),
]);

const periodSchema: z.ZodType<PublicityPeriod> = z.object({
  minMonths: z.number(),
  maxMonths: z.number().nullable(),
});

const publicityRuleSchema: z.ZodType<PublicityRule> = z.union([
  z.object({ kind: z.literal('none') }),
  z.intersection(
    z.object({
      kind: z.literal('period'),
      from: z.string(),
      untilField: z.string().optional(),
      classField: z.string().optional(),
      classes: z.record(z.string(), periodSchema).optional(),
    }),
    periodSchema,
  ),
]);

/** SuspectItem.problems. */
export function readProblems(value: unknown): Problem[] {
  return readJsonColumn(z.array(problemSchema), value, 'SuspectItem.problems');
}

/** CatalogVersion.rules. */
export function readRules(value: unknown): CatalogRule[] {
  return readJsonColumn(z.array(ruleSchema), value, 'CatalogVersion.rules');
}

/** CatalogVersion.publicityRule (null: none set). */
export function readPublicityRule(value: unknown): PublicityRule | null {
  return readJsonColumn(publicityRuleSchema.nullable(), value, 'CatalogVersion.publicityRule');
}
