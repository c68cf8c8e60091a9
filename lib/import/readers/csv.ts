// CSV and TXT: delimited text, streamed through csv-parse. CSV is comma-separated; TXT is tab-delimited, or
// `|`-delimited when its header line has no tab (some department systems export that), or comma-separated
// when it has neither. Fields may be quoted with `"` as Excel writes them; a stray quote inside an unquoted
// field is kept as text. Row numbers are record numbers (an empty line counts, as Excel shows it), so "第N行"
// means the same row in Excel as here.
import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { parse, type Options } from 'csv-parse';
import { ValidationError } from '@/lib/errors';
import { decodeFile, headBytes, looksBinary, sniffEncoding, unknownEncoding, type TextEncoding } from './text';
import { MAX_RECORD_CHARS, MAX_ROWS, tooManyRows, type SheetRow } from './types';

export type Delimited = 'csv' | 'txt';

export async function* readDelimited(path: string, format: Delimited): AsyncGenerator<SheetRow> {
  const { head, whole } = await headBytes(path);
  if (head.length === 0) throw new ValidationError('文件为空');
  if (looksBinary(head)) throw notText(format);
  const encoding = sniffEncoding(head, whole);
  if (!encoding) throw unknownEncoding();
  const options: Options = {
    delimiter: format === 'csv' ? ',' : txtDelimiter(head, encoding),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  };
  // Refuse a file with too many rows before a single row is imported (nothing to roll back).
  await assertRowLimit(path, encoding, options);

  let rowNumber = 0;
  for await (const cells of records(path, encoding, options, () => rowNumber + 1)) {
    rowNumber += 1;
    if (rowNumber > MAX_ROWS) throw tooManyRows();
    yield { rowNumber, cells };
  }
}

/** The delimiter of a TXT file, from its first line. */
function txtDelimiter(head: Buffer, encoding: TextEncoding): string {
  const text = new TextDecoder(encoding).decode(head);
  const end = text.indexOf('\n');
  const first = end >= 0 ? text.slice(0, end) : text;
  if (first.includes('\t')) return '\t';
  if (first.includes('|')) return '|';
  return first.includes(',') ? ',' : '\t';
}

async function* records(
  path: string,
  encoding: TextEncoding,
  options: Options,
  currentRow: () => number,
): AsyncGenerator<string[]> {
  const parser = parse(options);
  // Errors of any stage (a decoding error, a parse error) destroy the parser and surface in the loop below.
  pipeline(Readable.from(decodeFile(path, encoding)), parser, () => {});
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (e) {
    throw parseError(e, currentRow());
  } finally {
    parser.destroy();
  }
}

// LF bytes bound the number of records from above (a quoted field may hold a line break; in UTF-16 a 0x0A byte
// can be half of another character). Only a file whose bound passes the limit is counted exactly, by parsing.
async function assertRowLimit(path: string, encoding: TextEncoding, options: Options): Promise<void> {
  let lineFeeds = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lineFeeds += 1;
    last = chunk[chunk.length - 1] ?? last;
  }
  if (lineFeeds + (last === 0x0a ? 0 : 1) <= MAX_ROWS) return;
  let count = 0;
  for await (const _ of records(path, encoding, options, () => count + 1)) {
    if (++count > MAX_ROWS) throw tooManyRows();
  }
}

function notText(format: Delimited): ValidationError {
  return new ValidationError(
    `文件扩展名为 .${format}，但内容不是文本文件（可能是 Excel 或其他二进制文件）：请另存为 ${format === 'csv' ? 'CSV（逗号分隔）' : '文本文件（制表符分隔）'}后上传`,
  );
}

function parseError(e: unknown, row: number): ValidationError {
  if (e instanceof ValidationError) return e;
  const code = (e as { code?: string } | null)?.code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ValidationError(`第${row}行起的双引号没有闭合，文件无法读取：请检查该行的引号是否成对`);
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return new ValidationError(`第${row}行超过${MAX_RECORD_CHARS}个字符，文件无法读取：请检查分隔符和引号是否正确`);
  }
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    return new ValidationError(`第${row}行的引号后紧跟了其他字符，文件无法读取：带引号的内容应整格用双引号括起`);
  }
  return new ValidationError(`无法读取文件：第${row}行格式不正确`, { cause: String(e) });
}
