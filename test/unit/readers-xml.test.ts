// The XML reader: records of field elements in any order, a header of the element names, and
// no DOCTYPE, entity or malformed document ever read past its first problem.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readRows, type SheetRow } from '../../lib/import/read-rows';
import { encodeGbk } from '../support/gbk';

const dir = mkdtempSync(join(tmpdir(), 'readers-xml-'));
let n = 0;

function file(content: Buffer | string): string {
  const path = join(dir, `f${++n}.xml`);
  writeFileSync(path, content);
  return path;
}

async function read(path: string): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readRows(path, 'xml')) out.push(r);
  return out;
}

const DOC = `<?xml version="1.0" encoding="UTF-8"?>
<records xmlns="urn:xinyong-wuzhi:catalog:ADMIN_PENALTY:v1" catalog="ADMIN_PENALTY" version="1">
  <record>
    <subjectName>武陟县长青食品有限公司</subjectName>
    <decisionDate>2026-10-15</decisionDate>
  </record>
  <record>
    <decisionDate>2026-10-16</decisionDate>
    <facts><![CDATA[违法事实 <含尖括号> & 符号]]></facts>
    <subjectName>武陟县丰泽饭店&amp;分店</subjectName>
  </record>
</records>`;

describe('XML reader', () => {
  it('R-1.3.1 yields a header of element names, then one row per record with fields in any order', async () => {
    const path = file(DOC);
    expect(await detectFormat(path, 'a.xml')).toBe('xml');
    expect(await read(path)).toEqual([
      { rowNumber: 1, cells: ['subjectName', 'decisionDate', 'facts'] },
      { rowNumber: 2, cells: ['武陟县长青食品有限公司', '2026-10-15', ''] },
      { rowNumber: 3, cells: ['武陟县丰泽饭店&分店', '2026-10-16', '违法事实 <含尖括号> & 符号'] },
    ]);
  });

  it('R-1.3.1 reads a GBK document by its declaration, and Chinese element names', async () => {
    const path = file(
      encodeGbk(
        '<?xml version="1.0" encoding="GBK"?><数据><记录><行政相对人名称>武陟县</行政相对人名称></记录></数据>',
      ),
    );
    expect(await read(path)).toEqual([
      { rowNumber: 1, cells: ['行政相对人名称'] },
      { rowNumber: 2, cells: ['武陟县'] },
    ]);
  });

  it('R-2.1 refuses any DOCTYPE at upload and in the reader: external entities and entity expansion', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><records><record><a>&x;</a></record></records>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><records><record><a>&lol2;</a></record></records>`;
    for (const doc of [xxe, laughs]) {
      const path = file(doc);
      await expect(detectFormat(path, 'x.xml')).rejects.toThrow(/DOCTYPE/);
      await expect(read(path)).rejects.toThrow(/DOCTYPE/);
    }
    // A DOCTYPE after 64 KiB of comments escapes the upload check but not the parser.
    const late = file(
      `<?xml version="1.0"?><!--${'x'.repeat(70_000)}--><!DOCTYPE r [<!ENTITY x "y">]><r><q><a>&x;</a></q></r>`,
    );
    expect(await detectFormat(late, 'late.xml')).toBe('xml');
    await expect(read(late)).rejects.toThrow(/DOCTYPE/);
  });

  it('R-2.1 refuses malformed, truncated, nested and undefined-entity documents with a Chinese reason', async () => {
    await expect(read(file(DOC.slice(0, DOC.length - 40)))).rejects.toThrow(/XML 格式不正确（第\d+行第\d+列附近）/);
    await expect(read(file('<r><q><a>&nbsp;</a></q></r>'))).rejects.toThrow(/XML 格式不正确/);
    await expect(read(file('<r><q><a><b>深</b></a></q></r>'))).rejects.toThrow(/字段 <a> 中不应再有子元素 <b>/);
    await expect(read(file('<r><q><a>1</a><a>2</a></q></r>'))).rejects.toThrow(/元素 <a> 出现了不止一次/);
    await expect(read(file('<r/>'))).rejects.toThrow('XML 文件中没有任何记录');
  });

  it('R-2.1 refuses non-XML content and unsupported encodings at upload', async () => {
    await expect(detectFormat(file('行政相对人名称,处罚决定日期\n'), 'a.xml')).rejects.toThrow(/内容不是 XML 文本/);
    await expect(detectFormat(file(Buffer.from([0, 1, 2, 3, 0x3c])), 'b.xml')).rejects.toThrow(/内容不是 XML 文本/);
    await expect(detectFormat(file('<?xml version="1.0" encoding="Shift_JIS"?><r/>'), 'c.xml')).rejects.toThrow(
      /不支持 XML 文件声明的编码“Shift_JIS”/,
    );
  });
});
