// JSON columns are typed by a zod schema each: a value is read through readJsonColumn (a row that does not
// have the shape is a bug or a hand edit, reported with the column's name rather than failing later on a
// missing property), and written through jsonInput.
import type { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';

export function readJsonColumn<S extends z.ZodType>(schema: S, value: unknown, column: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${column} does not have the expected shape: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * A typed value as the input of a JSON column. Prisma's input type wants index signatures, which interfaces
 * lack; the values written here are plain data, so the one cast lives here.
 */
export function jsonInput(value: object): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
