// The one database surface the write path needs: parameterised SQL and, where the connection allows it, COPY.
// The import runs on its own pg connection (COPY FROM STDIN through pg-copy-streams); the fix loop runs inside a
// Prisma interactive transaction, where the same statements go through $queryRawUnsafe and rows are inserted
// with INSERT … SELECT FROM unnest instead.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Prisma } from '@/lib/db';

export interface SqlRunner {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** COPY table (columns) FROM STDIN with text-format lines; absent when the connection cannot COPY. */
  copy?(table: string, columns: readonly string[], lines: Iterable<string>): Promise<void>;
}

export function prismaRunner(tx: Prisma.TransactionClient): SqlRunner {
  return { query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params) };
}

export function pgRunner(client: pg.ClientBase): SqlRunner {
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    copy: async (table, columns, lines) => {
      const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from(batchLines(lines)), client.query(copyFrom(sql)));
    },
  };
}

// Fewer, larger writes into the COPY stream: one per ~256 KiB rather than one per row.
function* batchLines(lines: Iterable<string>): Generator<string> {
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= 1 << 18) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** One line of COPY's text format: tab-separated, \N for null, backslash escapes for the separators. */
export function copyLine(values: readonly (string | number | null)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += '\t';
    out += v === null || v === undefined ? '\\N' : typeof v === 'number' ? String(v) : copyEscape(v);
  }
  return out + '\n';
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function copyEscape(v: string): string {
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** TIMESTAMP(3) columns hold UTC without a zone, as Prisma writes them. */
export function utcTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
