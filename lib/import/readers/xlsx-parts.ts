// The parts of an xlsx workbook the sheet reader needs: which part is the first worksheet, the shared strings,
// which cell styles are dates, and the date system. Each part is streamed through the same guarded parser.
import { ValidationError } from '@/lib/errors';
import { createParser, feed, localName, type Parser } from './sax';
import { StringTable } from './string-table';
import type { XlsxZip } from './zip';

export interface WorkbookInfo {
  sheetPath: string;
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

/** Shared strings are held in memory (the sheet refers to them by index): their part has its own ceiling. */
const MAX_SHARED_STRINGS = 32_000_000;

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

export async function readWorkbook(zip: XlsxZip): Promise<WorkbookInfo> {
  if (!zip.has('xl/workbook.xml')) throw new ValidationError('文件不是 Excel 工作簿（.xlsx）：缺少工作簿内容');
  const sheets: { id: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parsePart(zip, 'xl/workbook.xml', (p) =>
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '');
      if (name === 'sheet') {
        const id = Object.entries(tag.attributes).find(([k]) => localName(k) === 'id')?.[1] ?? '';
        sheets.push({ id, hidden: !!tag.attributes.state && tag.attributes.state !== 'visible' });
      }
    }),
  );
  const targets = new Map<string, { type: string; target: string }>();
  if (zip.has('xl/_rels/workbook.xml.rels')) {
    await parsePart(zip, 'xl/_rels/workbook.xml.rels', (p) =>
      p.on('opentag', (tag) => {
        const { Id, Type, Target } = tag.attributes;
        if (localName(tag.name) === 'Relationship' && Id && Target)
          targets.set(Id, { type: Type ?? '', target: Target });
      }),
    );
  }
  // Data sits on the first visible sheet (the template's code-table sheet is hidden and comes after it).
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  const sheetRel = first ? targets.get(first.id) : undefined;
  const byType = (type: string) => [...targets.values()].find((t) => t.type === REL + type)?.target;
  const found = (target: string | undefined, fallback: string) => {
    const path = target ? partPath(target) : fallback;
    return zip.has(path) ? path : null;
  };
  const sheetPath = found(sheetRel?.target, 'xl/worksheets/sheet1.xml');
  if (!sheetPath) throw new ValidationError('Excel 文件中没有工作表');
  return {
    sheetPath,
    sharedStringsPath: found(byType('sharedStrings'), 'xl/sharedStrings.xml'),
    stylesPath: found(byType('styles'), 'xl/styles.xml'),
    date1904,
  };
}

/** A relationship target is relative to xl/ unless it starts with `/`. */
function partPath(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Rich text is joined; phonetic guides (<rPh>, furigana) are not part of the value. */
export async function readSharedStrings(zip: XlsxZip, path: string): Promise<StringTable> {
  const strings = new StringTable();
  let current = '';
  let inT = false;
  let inPhonetic = 0;
  await parsePart(zip, path, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si') current = '';
      else if (name === 't') inT = true;
      else if (name === 'rPh') inPhonetic += 1;
    });
    p.on('text', (t) => {
      if (inT && !inPhonetic) current += t;
    });
    p.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic -= 1;
      else if (name === 'si') {
        if (strings.length >= MAX_SHARED_STRINGS) throw new ValidationError('Excel 文件的共享字符串数量异常，无法读取');
        strings.push(current);
      }
    });
  });
  return strings;
}

// Built-in number formats that show dates: 14–22 everywhere, 27–36 and 50–58 in the Chinese locales, 45–47 times.
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36]);
for (const id of [45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]) BUILTIN_DATES.add(id);

/** Indexes of the cell formats (`s` of a cell) whose number format shows a date. */
export async function readDateStyles(zip: XlsxZip, path: string): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, path, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(tag.attributes.numFmtId ?? 0));
    });
    p.on('closetag', (tag) => {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    });
  });
  const dates = new Set<number>();
  xfFormats.forEach((id, i) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id)) dates.add(i);
  });
  return dates;
}

/** A format code shows a date when, outside quoted text, escapes and [brackets], it has date or time letters. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return !/general/i.test(bare) && /[dmyhs]/i.test(bare);
}

async function parsePart(zip: XlsxZip, path: string, setup: (p: Parser) => void): Promise<void> {
  const parser = createParser();
  setup(parser);
  for await (const _ of feed(parser, utf8(zip.read(path)), () => [], 'Excel 文件内容')) {
    // nothing is collected: the handlers keep what they need
  }
}

/** The parts of an xlsx are UTF-8 XML. */
export async function* utf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}
