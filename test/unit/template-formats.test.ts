// Templates in every upload format — CSV, TXT, an XML sample and its XSD — generated from the catalog
// version and read back by the import's own readers; and the formula-injection guard of exports (README: Hostile files).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { matchHeaders } from '../../lib/catalog/headers';
import { buildDelimitedTemplate } from '../../lib/catalog/template-csv';
import { templateFile } from '../../lib/catalog/template-files';
import { buildXmlSample, buildXsd, xmlNamespace } from '../../lib/catalog/template-xml';
import { delimitedLine, neutraliseCell, restoreCell } from '../../lib/files/csv-safe';
import { detectFormat, readRows, type FileFormat, type SheetRow } from '../../lib/import/read-rows';
import { adminPenaltyCatalog } from '../../prisma/seed-data/catalogs';
import { defFromSeed } from '../support/seed-def';

const def = defFromSeed(adminPenaltyCatalog);
const dir = mkdtempSync(join(tmpdir(), 'templates-'));

async function readBack(body: Buffer, format: FileFormat): Promise<SheetRow[]> {
  const path = join(dir, `template.${format}`);
  writeFileSync(path, body);
  expect(await detectFormat(path, `模板.${format}`)).toBe(format);
  const rows: SheetRow[] = [];
  for await (const r of readRows(path, format)) rows.push(r);
  return rows;
}

/** Elements of an XML document with their attributes, in document order. */
function elements(xml: Buffer): { name: string; attributes: Record<string, string> }[] {
  const out: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => out.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
  parser.write(xml.toString('utf8')).close();
  return out;
}

describe('templates in the other upload formats', () => {
  it('R-1.3.3 CSV and TXT templates carry every standard header, required ones marked, and read back as a match', async () => {
    for (const format of ['csv', 'txt'] as const) {
      const body = buildDelimitedTemplate(def, format);
      expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM: Excel opens UTF-8 correctly
      const rows = await readBack(body, format);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.cells).toEqual(def.fields.map((f) => (f.required ? `${f.label}*` : f.label)));
      const headers = matchHeaders(def, rows[0]!.cells);
      expect(headers.columns.size).toBe(def.fields.length);
      expect(headers.missingRequired).toEqual([]);
    }
  });

  it('R-1.3.3 the XML sample has one element per field and reads back as a matching header', async () => {
    const body = buildXmlSample(def);
    const names = elements(body).map((e) => e.name);
    expect(names.slice(0, 2)).toEqual(['records', 'record']);
    expect(names.slice(2)).toEqual(def.fields.map((f) => f.key));
    const rows = await readBack(body, 'xml');
    expect(rows[0]!.cells).toEqual(def.fields.map((f) => f.key));
    expect(matchHeaders(def, rows[0]!.cells).columns.size).toBe(def.fields.length);
    expect(rows[1]!.cells.every((c) => c === '')).toBe(true); // the empty sample record imports nothing
  });

  it('R-1.3.3 the XSD publishes each field with its requiredness, length and code-table values', () => {
    const xsd = elements(buildXsd(def));
    expect(xsd[0]!.attributes.targetNamespace).toBe(xmlNamespace(def));
    const fieldElements = xsd.filter(
      (e) => e.name === 'xs:element' && def.fields.some((f) => f.key === e.attributes.name),
    );
    expect(fieldElements.map((e) => e.attributes.name)).toEqual(def.fields.map((f) => f.key));
    for (const f of def.fields) {
      const el = fieldElements.find((e) => e.attributes.name === f.key)!;
      expect(el.attributes.minOccurs, f.key).toBe(f.required ? '1' : '0');
    }
    const text = buildXsd(def).toString('utf8');
    const category = def.fields.find((f) => f.key === 'penaltyCategory')!;
    for (const item of def.codeTables[category.codeTable!]!.items) {
      expect(text).toContain(`<xs:enumeration value="${item.code}">`);
    }
    expect(text).toContain('<xs:maxLength value="200"/>');
    expect(text).toContain('[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}');
  });
});

describe('template downloads', () => {
  it('R-1.3.3 names each download by catalog, kind and version, with its content type', async () => {
    const files = await Promise.all((['xlsx', 'csv', 'txt', 'xml', 'xsd'] as const).map((f) => templateFile(def, f)));
    expect(files.map((f) => f.filename)).toEqual([
      '行政处罚_模板_v1.xlsx',
      '行政处罚_模板_v1.csv',
      '行政处罚_模板_v1.txt',
      '行政处罚_模板_v1.xml',
      '行政处罚_结构定义_v1.xsd',
    ]);
    expect(files.map((f) => f.contentType.split(';')[0])).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
      'text/plain',
      'application/xml',
      'application/xml',
    ]);
    expect(files[0]!.body.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('formula injection in exports', () => {
  it('prefixes an apostrophe to cells that start like a formula, and leaves plain numbers alone', () => {
    for (const v of [
      '=HYPERLINK("http://x","点我")',
      "+cmd|' /C calc'!A0",
      '-2+3+cmd|x',
      '@SUM(A1)',
      '\tx',
      '\rx',
      '\0x',
    ]) {
      expect(neutraliseCell(v)).toBe(`'${v}`);
    }
    for (const v of ['武陟县', '-12.5', '+86', '0.2', '', 'a=b']) expect(neutraliseCell(v)).toBe(v);
    // A file that comes back (the offline fix) gets every value back as it was sent.
    for (const v of ['=HYPERLINK("http://x")', '@SUM(A1)', "+cmd|' /C calc'!A0", '-x', '-12.5', '武陟县', "'单引号"])
      expect(restoreCell(neutraliseCell(v))).toBe(v);
    expect(delimitedLine(['=1+1', 'a,b', '他说"好"'])).toBe(`'=1+1,"a,b","他说""好"""`);
  });
});
