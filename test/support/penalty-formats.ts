// 行政处罚 rows (penalty-data.ts) written in the other upload formats: CSV/TXT in UTF-8 or GBK, and XML in the
// published layout (lib/catalog/template-xml.ts). Streamed, so a benchmark's 100,000 rows never sit in memory.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { delimitedLine } from '../../lib/files/csv-safe';
import { encodeGbk } from './gbk';
import { penaltyHeaders, type PenaltyRow } from './penalty-data';

export interface DelimitedOptions {
  delimiter?: ',' | '\t' | '|';
  encoding?: 'utf-8' | 'utf-8-bom' | 'gbk';
  /** Field keys in the order of the columns (default: catalog order). */
  order?: string[];
  /** A column no catalog field has, to be ignored and reported. */
  extra?: { label: string; value: string };
}

export async function writePenaltyDelimited(path: string, rows: Iterable<PenaltyRow>, opts: DelimitedOptions = {}) {
  const labels = new Map(penaltyHeaders().map((h) => [h.key, h.label]));
  const keys = opts.order ?? [...labels.keys()];
  const delimiter = opts.delimiter ?? ',';
  const encode = opts.encoding === 'gbk' ? encodeGbk : (t: string) => Buffer.from(t, 'utf8');
  function* lines(): Generator<Buffer> {
    if (opts.encoding === 'utf-8-bom') yield Buffer.from([0xef, 0xbb, 0xbf]);
    const header = keys.map((k) => labels.get(k) ?? k);
    if (opts.extra) header.push(opts.extra.label);
    yield encode(delimitedLine(header, delimiter) + '\r\n');
    for (const row of rows) {
      const cells = keys.map((k) => row.values[k] ?? '');
      if (opts.extra) cells.push(opts.extra.value);
      yield encode(delimitedLine(cells, delimiter) + '\r\n');
    }
  }
  await writeLines(path, lines());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One <record> per row; fields in `order` (default catalog order), empty fields left out, as the XSD allows. */
export async function writePenaltyXml(path: string, rows: Iterable<PenaltyRow>, opts: { order?: string[] } = {}) {
  function* lines(): Generator<Buffer> {
    yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<records catalog="ADMIN_PENALTY" version="1">\n');
    for (const row of rows) {
      const keys = opts.order ?? Object.keys(row.values);
      const fields = keys.filter((k) => row.values[k]).map((k) => `<${k}>${esc(row.values[k]!)}</${k}>`);
      yield Buffer.from(`  <record>${fields.join('')}</record>\n`, 'utf8');
    }
    yield Buffer.from('</records>\n');
  }
  await writeLines(path, lines());
}

async function writeLines(path: string, lines: Iterable<Buffer>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
