// Hand-made xlsx files for the hostile-file tests: a zip written byte by byte, so that a test can make its
// central directory declare any size (a lying directory) and stream-deflate a huge sheet (a zip bomb) without
// holding it inflated in memory.
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  deflated: Buffer;
  /** The real inflated size. */
  size: number;
  crc: number;
  /** What the zip's headers claim instead of `size`. */
  declaredSize?: number;
}

export function part(name: string, content: string | Buffer): ZipPart {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, deflated: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
}

/** `head`, then `body` repeated `times` times, then `tail`, deflated as a stream. */
export async function repeatedPart(name: string, head: string, body: string, times: number, tail: string) {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.from(body.repeat(Math.max(1, Math.floor(65_536 / body.length))), 'utf8');
  const perBlock = Math.max(1, Math.floor(65_536 / body.length));
  let crc = crc32(head);
  let size = Buffer.byteLength(head);
  const write = async (b: Buffer) => {
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(head, 'utf8'));
  let left = times;
  while (left > 0) {
    const n = Math.min(left, perBlock);
    const chunk = n === perBlock ? block : Buffer.from(body.repeat(n), 'utf8');
    crc = crc32(chunk, crc);
    size += chunk.length;
    await write(chunk);
    left -= n;
  }
  crc = crc32(tail, crc);
  size += Buffer.byteLength(tail);
  deflate.end(Buffer.from(tail, 'utf8'));
  await done;
  return { name, deflated: Buffer.concat(out), size, crc } satisfies ZipPart;
}

export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts around a first worksheet that make a workbook Excel opens. */
export function workbookParts(sheet: ZipPart, extra: ZipPart[] = []): ZipPart[] {
  return [
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    sheet,
    ...extra,
  ];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A worksheet of inline-string rows (other cells given as XML: `{ xml: '<f>…</f><v>…</v>', type: 'str' }`). */
export function sheetXml(rows: (string | { xml: string; type?: string })[][], prolog = ''): string {
  const body = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((c) =>
            typeof c === 'string'
              ? `<c t="inlineStr"><is><t>${escapeXml(c)}</t></is></c>`
              : `<c${c.type ? ` t="${c.type}"` : ''}>${c.xml}</c>`,
          )
          .join('')}</row>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`;
}

/** The opening and closing of a worksheet, for `repeatedPart`. */
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';
