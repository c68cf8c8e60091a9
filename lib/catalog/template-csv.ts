// The CSV and TXT templates of a catalog version: one header line of the standard column names, in
// catalog order, required columns marked with `*` (header matching ignores it). UTF-8 with a BOM, so Excel and
// WPS open it with the right characters; CRLF line ends as Excel writes them. CSV is comma-separated, TXT
// tab-delimited — the layouts lib/import/readers/csv.ts reads.
import { delimitedLine } from '@/lib/files/csv-safe';
import type { CatalogDef } from './types';

export type DelimitedTemplate = 'csv' | 'txt';

const BOM = '\uFEFF';

function templateHeader(def: CatalogDef): string[] {
  return def.fields.map((f) => (f.required ? `${f.label}*` : f.label));
}

export function buildDelimitedTemplate(def: CatalogDef, format: DelimitedTemplate): Buffer {
  const line = delimitedLine(templateHeader(def), format === 'csv' ? ',' : '\t');
  return Buffer.from(`${BOM}${line}\r\n`, 'utf8');
}
