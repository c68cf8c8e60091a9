// A flow's field mapping: each catalog field is filled from zero or more source columns through a
// transform chain (lib/exchange/transforms/steps.ts). Value mapping through code tables is the `lookup` step.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { applyChain, chainSchema, TransformError, type CodeTables } from './steps';

const COLUMN = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, '列名只能包含字母、数字和下划线');

export const fieldRuleSchema = z.object({
  target: z.string().min(1).max(64),
  sources: z.array(COLUMN).max(5).default([]),
  steps: chainSchema.default([]),
});
export const mappingSchema = z.object({ fields: z.array(fieldRuleSchema).min(1).max(100) });
export type Mapping = z.infer<typeof mappingSchema>;

export type MappedRow = { ok: true; values: Record<string, string> } | { ok: false; errors: string[] };

export function mapRow(mapping: Mapping, row: Record<string, unknown>, tables: CodeTables): MappedRow {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  for (const rule of mapping.fields) {
    const parts = rule.sources.map((c) => textOf(row[c]));
    try {
      values[rule.target] = applyChain(rule.steps, parts, tables);
    } catch (err) {
      if (!(err instanceof TransformError)) throw err;
      errors.push(`${rule.target}：${err.message}`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}

/** A source value as text: dates as YYYY-MM-DD (UTC parts, as the driver returns a DATE column), null as ''. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export function columnsUsed(mapping: Mapping): string[] {
  return [...new Set(mapping.fields.flatMap((f) => f.sources))];
}

/** The code tables the mapping's `lookup` steps name, with every code, label and alias of their items. */
export async function loadCodeTables(db: Db, mapping: Mapping): Promise<CodeTables> {
  const names = [
    ...new Set(mapping.fields.flatMap((f) => f.steps.flatMap((s) => (s.op === 'lookup' ? [s.table] : [])))),
  ];
  const tables: CodeTables = new Map();
  if (!names.length) return tables;
  const items = await db.codeItem.findMany({ where: { tableCode: { in: names } } });
  for (const name of names) tables.set(name, new Map());
  for (const item of items) {
    const t = tables.get(item.tableCode)!;
    for (const key of [item.label, ...item.aliases]) if (!t.has(key)) t.set(key, item.code);
    t.set(item.code, item.code);
  }
  return tables;
}

/** What a preview vouches for: the mapping, the source's configuration and the catalog. */
export function configHash(parts: { mapping: unknown; sourceConfig: unknown; catalogCode: string }): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
