// The baselines each import is measured against, in the same run: the bare streaming parse of the same file,
// with nothing done to the rows but reading their values.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export interface Timing {
  rows: number;
  ms: number;
}

/** exceljs's streaming reader with the options the import uses (lib/import/read-rows.ts). */
export async function rawXlsxParse(path: string): Promise<Timing> {
  const started = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      cells += (row.values as unknown[]).length;
      rows += 1;
    }
    break;
  }
  if (cells === 0) throw new Error('the xlsx baseline read no cells');
  return { rows: rows - 1, ms: performance.now() - started };
}

/** csv-parse streaming the file row by row as string arrays. */
export async function rawCsvParse(path: string): Promise<Timing> {
  const started = performance.now();
  let rows = 0;
  for await (const record of createReadStream(path).pipe(parse({ relax_column_count: true }))) {
    if ((record as string[]).length) rows += 1;
  }
  return { rows: rows - 1, ms: performance.now() - started };
}
