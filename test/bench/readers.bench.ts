// Raw parse speed of each upload reader (lib/import/readers) on the same N 行政处罚 rows written as xlsx, CSV
// (UTF-8 and GBK), TXT (tab-delimited) and XML: rows/s of readRows with nothing done to the rows. Run alone with
// `npx tsx test/bench/readers.bench.ts [rows]`, or call benchReaders() from the benchmark runner.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readRows, type FileFormat } from '../../lib/import/read-rows';
import { generatePenaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { writePenaltyDelimited, writePenaltyXml } from '../support/penalty-formats';

export interface ReaderFigure {
  /** The file as uploaded: xlsx, csv-utf8, csv-gbk, txt, xml. */
  file: string;
  rows: number;
  bytes: number;
  ms: number;
  rowsPerSecond: number;
}

export async function benchReaders(opts: { rows?: number } = {}): Promise<ReaderFigure[]> {
  const count = opts.rows ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-readers-'));
  try {
    const files: { file: string; path: string; format: FileFormat }[] = [
      { file: 'xlsx', path: join(dir, 'rows.xlsx'), format: 'xlsx' },
      { file: 'csv-utf8', path: join(dir, 'utf8.csv'), format: 'csv' },
      { file: 'csv-gbk', path: join(dir, 'gbk.csv'), format: 'csv' },
      { file: 'txt', path: join(dir, 'tab.txt'), format: 'txt' },
      { file: 'xml', path: join(dir, 'rows.xml'), format: 'xml' },
    ];
    await writePenaltyXlsx(files[0]!.path, generatePenaltyRows(count));
    await writePenaltyDelimited(files[1]!.path, generatePenaltyRows(count));
    await writePenaltyDelimited(files[2]!.path, generatePenaltyRows(count), { encoding: 'gbk' });
    await writePenaltyDelimited(files[3]!.path, generatePenaltyRows(count), { delimiter: '\t' });
    await writePenaltyXml(files[4]!.path, generatePenaltyRows(count));

    const figures: ReaderFigure[] = [];
    for (const f of files) {
      const started = performance.now();
      let rows = 0;
      let cells = 0;
      for await (const row of readRows(f.path, f.format)) {
        rows += 1;
        cells += row.cells.length;
      }
      const ms = performance.now() - started;
      if (rows !== count + 1 || cells === 0) throw new Error(`${f.file}: read ${rows} rows, expected ${count + 1}`);
      const data = rows - 1;
      figures.push({ file: f.file, rows: data, bytes: statSync(f.path).size, ms, rowsPerSecond: data / (ms / 1000) });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await benchReaders({ rows: Number(process.argv[2] ?? 100_000) });
  for (const f of figures) {
    console.log(
      `${f.file.padEnd(9)} ${String(f.rows).padStart(8)} rows  ${(f.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB  ` +
        `${(f.ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(f.rowsPerSecond).toLocaleString('en-US').padStart(9)} rows/s`,
    );
  }
}
