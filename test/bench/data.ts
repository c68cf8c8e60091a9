// The benchmark's input: N 行政处罚 rows as an xlsx and as a CSV, generated once and cached under .data/bench/
// (a million rows take minutes to write). About 2% of the rows are faulty (five kinds, from penalty-data),
// 0.2% are exact repeats of an earlier row (duplicates) and 0.1% changed repeats (kept as revisions).
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { generatePenaltyRows, penaltyHeaders, type PenaltyRow } from '../support/penalty-data';

// Bump when the generated content changes, so stale cached files are not reused.
const DATA_VERSION = 3;
export const FAULT_EVERY = 50;

export interface BenchFiles {
  xlsx: string;
  csv: string;
}

/**
 * The rows of one file. Each file gets its own decision-number prefix: both imports then store every row
 * (the CSV is not a re-import of the xlsx), with the same faults and repeats at the same positions.
 */
export function* benchRows(count: number, prefix: string): Generator<PenaltyRow> {
  let lastClean: PenaltyRow | undefined;
  let i = 0;
  for (const row of generatePenaltyRows(count, { faultEvery: FAULT_EVERY, prefix })) {
    if (lastClean && i % 500 === 250) {
      yield { values: { ...lastClean.values }, fault: null };
    } else if (lastClean && i % 1000 === 600) {
      yield { values: { ...lastClean.values, penaltyContent: '罚款人民币叁仟元整', fineAmount: '0.3' }, fault: null };
    } else {
      if (!row.fault) lastClean = row;
      yield row;
    }
    i += 1;
  }
}

export async function ensureBenchFiles(rows: number, log: (line: string) => void): Promise<BenchFiles> {
  const dir = join(process.cwd(), '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `penalty-${rows}-v${DATA_VERSION}`);
  const files = { xlsx: `${base}.xlsx`, csv: `${base}.csv` };
  if (!existsSync(files.xlsx)) {
    log(`generating ${files.xlsx} (${rows} rows; cached for later runs)…`);
    await writeSharedStringsXlsx(`${files.xlsx}.part`, benchRows(rows, 'X'));
    renameSync(`${files.xlsx}.part`, files.xlsx);
  }
  if (!existsSync(files.csv)) {
    log(`generating ${files.csv}…`);
    await writePenaltyCsv(`${files.csv}.part`, benchRows(rows, 'V'));
    renameSync(`${files.csv}.part`, files.csv);
  }
  return files;
}

/**
 * The xlsx as Excel itself writes one: text in the shared-strings table. (Inline strings make a million-row
 * sheet's XML larger than the upload's unzipped-size limit, and no spreadsheet program writes them.)
 */
async function writeSharedStringsXlsx(path: string, rows: Iterable<PenaltyRow>): Promise<void> {
  const headers = penaltyHeaders();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = wb.addWorksheet('行政处罚');
  sheet.addRow(headers.map((h) => h.label)).commit();
  for (const row of rows) sheet.addRow(headers.map((h) => row.values[h.key] ?? '')).commit();
  sheet.commit();
  await wb.commit();
}

/** RFC 4180 CSV, UTF-8, the template's header labels in the first line. */
export async function writePenaltyCsv(path: string, rows: Iterable<PenaltyRow>): Promise<void> {
  const headers = penaltyHeaders();
  const out = createWriteStream(path);
  const line = (cells: string[]) => cells.map(csvCell).join(',') + '\r\n';
  let buffer = line(headers.map((h) => h.label));
  for (const row of rows) {
    buffer += line(headers.map((h) => row.values[h.key] ?? ''));
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
