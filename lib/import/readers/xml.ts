// XML uploads, in the layout of the published schema (lib/catalog/template-xml.ts): a root element, one child
// element per record, and inside a record one element per field, named by the field key (or its Chinese
// column name: XML allows it), in any order; missing elements are empty fields, extra ones are reported as
// unknown columns, attributes are ignored. The file is read twice: a first pass checks it is well-formed and
// collects the field names, so the header (row 1) can name every column before the first record; the second
// yields the records as rows 2, 3, … (record n is row n + 1).
import { ValidationError } from '@/lib/errors';
import { assertNoDoctype, createParser, feed, localName } from './sax';
import { decodeFile, headBytes, looksBinary, type TextEncoding } from './text';
import { MAX_RECORD_CHARS, MAX_ROWS, tooManyRows, type SheetRow } from './types';

/** More distinct field names than any catalog has means the file is not in record layout (or is hostile). */
const MAX_XML_FIELDS = 1000;

type XmlRecord = [name: string, value: string][];

export async function* readXml(path: string): AsyncGenerator<SheetRow> {
  const { head } = await headBytes(path);
  if (head.length === 0) throw new ValidationError('文件为空');
  const encoding = xmlEncoding(head);
  assertNoDoctype(new TextDecoder(encoding).decode(head));

  const names: string[] = [];
  const index = new Map<string, number>();
  let count = 0;
  for await (const record of records(path, encoding)) {
    if (++count > MAX_ROWS - 1) throw tooManyRows();
    const seen = new Set<string>();
    for (const [name] of record) {
      if (seen.has(name)) throw new ValidationError(`XML 第${count}条记录中元素 <${name}> 出现了不止一次`);
      seen.add(name);
      if (index.has(name)) continue;
      if (names.length >= MAX_XML_FIELDS) throw new ValidationError('XML 结构不正确：字段元素的种类过多');
      index.set(name, names.length);
      names.push(name);
    }
  }
  if (count === 0) throw new ValidationError('XML 文件中没有任何记录');

  yield { rowNumber: 1, cells: names };
  let rowNumber = 1;
  for await (const record of records(path, encoding)) {
    const cells = new Array<string>(names.length).fill('');
    for (const [name, value] of record) cells[index.get(name)!] = value;
    yield { rowNumber: ++rowNumber, cells };
  }
}

/** Records of the file as (element name, text) pairs; structure errors and malformed XML stop the read. */
async function* records(path: string, encoding: TextEncoding): AsyncGenerator<XmlRecord> {
  const parser = createParser({ position: true });
  const done: XmlRecord[] = [];
  let depth = 0;
  let ordinal = 0;
  let record: XmlRecord = [];
  let field = '';
  let text = '';
  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth === 2) {
      record = [];
      ordinal += 1;
    } else if (depth === 3) {
      field = localName(tag.name);
      text = '';
    } else if (depth > 3) {
      throw new ValidationError(
        `XML 结构不正确：第${ordinal}条记录的字段 <${field}> 中不应再有子元素 <${localName(tag.name)}>`,
      );
    }
  });
  const onText = (t: string) => {
    if (depth === 3) {
      text += t;
      if (text.length > MAX_RECORD_CHARS) throw new ValidationError(`XML 字段 <${field}> 的内容过长`);
    } else if (depth === 2 && t.trim()) {
      throw new ValidationError('XML 结构不正确：记录元素中只能包含字段元素，不能直接包含文字');
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    if (depth === 3) {
      record.push([field, text]);
      if (record.length > MAX_XML_FIELDS) throw new ValidationError('XML 结构不正确：一条记录中的字段元素过多');
    } else if (depth === 2) done.push(record);
    depth -= 1;
  });
  yield* feed(parser, decodeFile(path, encoding), () => done.splice(0), 'XML ');
}

/** The encoding of an XML file: its BOM, else its declaration, else UTF-8 (the XML default). */
export function xmlEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (looksBinary(head)) throw new ValidationError('文件扩展名为 .xml，但内容不是 XML 文本');
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.toString('latin1'));
  const name = declared?.[1]?.toLowerCase();
  if (!name || name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (['gbk', 'gb2312', 'cp936', 'x-gbk', 'gb_2312-80'].includes(name)) return 'gbk';
  if (name === 'gb18030') return 'gb18030';
  throw new ValidationError(`不支持 XML 文件声明的编码“${declared![1]}”：请使用 UTF-8 或 GBK 编码`);
}
