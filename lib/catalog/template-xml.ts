// The XML template of a catalog version (R-1.3.3) and its published schema (XSD). Layout: a <records> root,
// one <record> per row, inside it one element per field named by the field key, in any order (xs:all);
// the layout lib/import/readers/xml.ts reads. Types, lengths and code-table enumerations come from the catalog
// version, so the XSD lets a department's system check its export before sending it.
import type { CatalogDef, FieldDef } from './types';

const XML_ROOT = 'records';
const XML_RECORD = 'record';

export function xmlNamespace(def: CatalogDef): string {
  return `urn:xinyong-wuzhi:catalog:${def.code}:v${def.version}`;
}

/** A record with every field empty and described in a comment: fill in, repeat per row. */
export function buildXmlSample(def: CatalogDef): Buffer {
  const fields = def.fields.map((f) => `    <!-- ${comment(describe(def, f))} -->\n    <${f.key}></${f.key}>`);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${comment(`${def.name}（第${def.version}版）数据导入模板：每条记录一个 <${XML_RECORD}> 元素，字段顺序不限，空字段可省略。结构见同目录的 XSD 文件。`)} -->`,
    `<${XML_ROOT} xmlns="${xmlNamespace(def)}" catalog="${attr(def.code)}" version="${def.version}">`,
    `  <${XML_RECORD}>`,
    ...fields,
    `  </${XML_RECORD}>`,
    `</${XML_ROOT}>`,
    '',
  ];
  return Buffer.from(xml.join('\n'), 'utf8');
}

export function buildXsd(def: CatalogDef): Buffer {
  const ns = xmlNamespace(def);
  const xsd = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${ns}" xmlns="${ns}" elementFormDefault="qualified">`,
    `  <xs:annotation><xs:documentation>${text(`${def.name}（${def.code}，第${def.version}版）`)}</xs:documentation></xs:annotation>`,
    `  <xs:element name="${XML_ROOT}">`,
    '    <xs:complexType>',
    '      <xs:sequence>',
    // One header row and at most 1,048,575 records: the import's row limit (lib/import/readers/types.ts).
    `        <xs:element name="${XML_RECORD}" type="Record" minOccurs="0" maxOccurs="1048575"/>`,
    '      </xs:sequence>',
    `      <xs:attribute name="catalog" type="xs:string" fixed="${attr(def.code)}"/>`,
    `      <xs:attribute name="version" type="xs:positiveInteger"/>`,
    '    </xs:complexType>',
    '  </xs:element>',
    '  <xs:complexType name="Record">',
    '    <xs:all>',
    ...def.fields.map((f) => fieldElement(def, f)),
    '    </xs:all>',
    '  </xs:complexType>',
    '  <xs:simpleType name="Empty"><xs:restriction base="xs:string"><xs:length value="0"/></xs:restriction></xs:simpleType>',
    '</xs:schema>',
    '',
  ];
  return Buffer.from(xsd.join('\n'), 'utf8');
}

function fieldElement(def: CatalogDef, f: FieldDef): string {
  const restriction = restrictionOf(def, f);
  // An optional field may be absent or present and empty.
  const type = f.required
    ? `<xs:simpleType>${restriction}</xs:simpleType>`
    : `<xs:simpleType><xs:union memberTypes="Empty"><xs:simpleType>${restriction}</xs:simpleType></xs:union></xs:simpleType>`;
  return [
    `      <xs:element name="${f.key}" minOccurs="${f.required ? 1 : 0}">`,
    `        <xs:annotation><xs:documentation>${text(describe(def, f))}</xs:documentation></xs:annotation>`,
    `        ${type}`,
    '      </xs:element>',
  ].join('\n');
}

function restrictionOf(def: CatalogDef, f: FieldDef): string {
  const facets: string[] = [];
  let base = 'xs:string';
  switch (f.type) {
    case 'NUMBER':
      base = 'xs:decimal';
      break;
    case 'AMOUNT_WAN':
      base = 'xs:decimal';
      facets.push('<xs:minInclusive value="0"/>');
      break;
    case 'DATE':
      base = 'xs:date';
      facets.push('<xs:pattern value="\\d{4}-\\d{2}-\\d{2}"/>');
      break;
    case 'ENUM':
      for (const item of def.codeTables[f.codeTable ?? '']?.items ?? []) {
        facets.push(
          `<xs:enumeration value="${attr(item.code)}"><xs:annotation><xs:documentation>${text(item.label)}</xs:documentation></xs:annotation></xs:enumeration>`,
        );
      }
      break;
    case 'USCC':
      facets.push('<xs:pattern value="[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"/>');
      break;
    case 'ID_NUMBER':
      facets.push('<xs:pattern value="[0-9]{17}[0-9X]|[0-9]{15}"/>');
      break;
    case 'PHONE':
      facets.push('<xs:pattern value="1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}"/>');
      break;
  }
  if (base === 'xs:string' && f.type !== 'ENUM') {
    if (f.required) facets.push('<xs:minLength value="1"/>');
    if (f.maxLength) facets.push(`<xs:maxLength value="${f.maxLength}"/>`);
  }
  return `<xs:restriction base="${base}">${facets.join('')}</xs:restriction>`;
}

/** What a person filling the field needs to know (the same notes as the Excel template). */
function describe(def: CatalogDef, f: FieldDef): string {
  const parts = [f.label, f.required ? '必填' : '选填'];
  if (f.maxLength) parts.push(`最多${f.maxLength}个字符`);
  if (f.type === 'DATE') parts.push('日期格式：YYYY-MM-DD');
  if (f.type === 'AMOUNT_WAN') parts.push('单位：万元');
  if (f.type === 'USCC') parts.push('18位统一社会信用代码');
  if (f.codeTable) {
    const table = def.codeTables[f.codeTable];
    const items = table?.items.map((i) => `${i.code}=${i.label}`).join('，');
    parts.push(`填代码（${table?.name ?? f.codeTable}${items ? `：${items}` : ''}）`);
  }
  if (f.note) parts.push(f.note);
  return parts.join('；');
}

const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => text(s).replace(/"/g, '&quot;');
// "--" may not appear inside an XML comment.
const comment = (s: string) => s.replace(/-{2,}/g, '—').replace(/-$/, '—');
