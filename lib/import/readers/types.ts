// What every reader yields, and the limits every format shares.
import { ValidationError } from '@/lib/errors';

export interface SheetRow {
  /** 1-based row number (the header is row 1); for CSV/TXT the record number, for XML 1 + the record's ordinal. */
  rowNumber: number;
  cells: string[];
}

export type FileFormat = 'xlsx' | 'csv' | 'txt' | 'xml';

// Excel's own limit (header included). A CSV or XML file has no limit of its own, so the same one applies to
// every format: a file past it is malformed, hostile or meant to be split.
export const MAX_ROWS = 1_048_576;

/** Longest record (characters) a CSV/TXT row may have, and longest value an XML field may hold. */
export const MAX_RECORD_CHARS = 1_000_000;

export function tooManyRows(): ValidationError {
  return new ValidationError(
    `文件行数超过上限（最多${MAX_ROWS.toLocaleString('en-US')}行，含表头），请拆分为多个文件后分别上传`,
  );
}
