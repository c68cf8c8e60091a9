// How many data rows a file probably holds, for the ETA on the batch page (a streamed file's row count is
// known only at its end). Text files: line breaks counted in one pass over the bytes (a quoted field with a
// line break makes it an overestimate; fine for an estimate). Excel and XML: unknown (null).
import { createReadStream } from 'node:fs';
import type { FileFormat } from '@/lib/import/read-rows';

const LF = 0x0a;

export async function estimateRows(path: string, format: FileFormat): Promise<number | null> {
  if (format !== 'csv' && format !== 'txt') return null;
  let lines = 0;
  let last = LF;
  let first = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    // UTF-16 spreads a character's bytes over two, so 0x0A is no line break there; GBK and UTF-8 are safe.
    if (
      first &&
      chunk.length >= 2 &&
      ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
    )
      return null;
    first = false;
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) lines++;
    if (chunk.length) last = chunk[chunk.length - 1]!;
  }
  if (last !== LF) lines++; // no line break after the last line
  return Math.max(0, lines - 1); // the header line
}
