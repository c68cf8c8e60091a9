// Streams the rows of an uploaded file; never holds the whole file in memory. The first row is the header
// (column names; for XML the field element names), then the data rows with their 1-based row numbers.
// The readers live in ./readers: detect (format from extension and content), xlsx, csv (CSV and TXT), xml.
import { ValidationError } from '@/lib/errors';
import { readDelimited } from './readers/csv';
import type { FileFormat, SheetRow } from './readers/types';
import { readXlsx } from './readers/xlsx';
import { readXml } from './readers/xml';

export { detectFormat } from './readers/detect';
export { MAX_ROWS, type FileFormat, type SheetRow } from './readers/types';

export function readRows(path: string, format: FileFormat): AsyncGenerator<SheetRow> {
  switch (format) {
    case 'xlsx':
      return readXlsx(path);
    case 'csv':
    case 'txt':
      return readDelimited(path, format);
    case 'xml':
      return readXml(path);
    default:
      throw new ValidationError('不支持的文件类型');
  }
}
