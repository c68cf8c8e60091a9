// How many data rows a file probably holds, for the ETA on the batch page (a streamed file's row count is
// known only at its end). Text files: line breaks counted in one pass over the bytes (a quoted field with a
// line break makes it an overestimate; fine for an estimate). Excel: the sheet's <dimension> where the writer
// put one at the top (Excel, WPS), else the rows in its first MiB scaled to the sheet's declared size. XML:
// unknown (null).
import { createReadStream } from 'node:fs';
import type { FileFormat } from '@/lib/import/read-rows';
import { readWorkbook } from '@/lib/import/readers/xlsx-parts';
import { openXlsxZip } from '@/lib/import/readers/zip';

const LF = 0x0a;
const XLSX_SAMPLE_BYTES = 1 << 20;

export async function estimateRows(path: string, format: FileFormat): Promise<number | null> {
  if (format === 'xlsx') return estimateXlsxRows(path);
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

async function estimateXlsxRows(path: string): Promise<number | null> {
  // An estimate only: whatever is wrong with the file, the import reports it.
  const zip = await openXlsxZip(path).catch(() => null);
  if (!zip) return null;
  try {
    const { sheetPath } = await readWorkbook(zip);
    const total = zip.size(sheetPath);
    if (!total) return null;
    let head = '';
    for await (const chunk of zip.read(sheetPath)) {
      head += chunk.toString('latin1'); // tags and digits are ASCII: no need to decode the text
      if (head.length >= XLSX_SAMPLE_BYTES) break;
    }
    const dimension = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
    if (dimension) return Math.max(0, Number(dimension[1]) - 1);
    const rows = head.match(/<(?:\w+:)?row[\s>]/g)?.length ?? 0;
    if (rows === 0) return null;
    const estimate = head.length >= total ? rows : Math.round((rows * total) / head.length);
    return Math.max(0, estimate - 1); // the header row
  } catch {
    return null;
  } finally {
    zip.close();
  }
}
