// The worksheet scanner: it must read every well-formed sheet exactly as a full XML parser does
// (saxes is the reference), wherever the chunks of the inflated part happen to split it, and refuse what a
// hostile or damaged file holds with a Chinese reason, within bounded memory.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors';
import { MAX_TOKEN, XmlScanner } from '../../lib/import/readers/xml-scan';

const ATTRS = ['r', 't', 's', 'x:r', 'spans', 'xml:space'];

/**
 * Events as saxes reports them; adjacent text joined (parsers may split text differently), whitespace outside
 * the root left out (the scanner does not report it).
 */
function reference(xml: string): string[] {
  const events: string[] = [];
  const p = new SaxesParser({ xmlns: false });
  let depth = 0;
  p.on('opentag', (tag) => {
    depth += 1;
    const attrs = ATTRS.filter((a) => tag.attributes[a] !== undefined).map((a) => `${a}=${tag.attributes[a]}`);
    events.push(`<${tag.name} ${attrs.join(' ')}`);
  });
  p.on('text', (t) => depth && text(events, t));
  p.on('cdata', (t) => text(events, t));
  p.on('closetag', (tag) => {
    depth -= 1;
    events.push(`</${tag.name}`);
  });
  p.write(xml).close();
  return events;
}

function scanned(chunks: string[]): string[] {
  const events: string[] = [];
  const s = new XmlScanner({
    open(name, attributes) {
      const attrs = ATTRS.filter((a) => attributes.get(a) !== undefined).map((a) => `${a}=${attributes.get(a)}`);
      events.push(`<${name} ${attrs.join(' ')}`);
    },
    text: (t) => text(events, t),
    close: (name) => events.push(`</${name}`),
  });
  for (const c of chunks) s.write(c);
  s.close();
  return events;
}

function text(events: string[], t: string): void {
  if (!t) return;
  const last = events.length - 1;
  if (events[last]?.startsWith('#')) events[last] += t;
  else events.push(`#${t}`);
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  '<!-- written by a test -->' +
  '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r">' +
  '<x:sheetData>\n  <x:row r="1" spans="1:3">' +
  '<x:c r="A1" t="s"><x:v>0</x:v></x:c>' +
  '<x:c r=\'B1\' t=\'inlineStr\' s = "3" ><x:is><x:t xml:space="preserve"> 甲 &amp; 乙 &lt;丙&gt; &#x4E01;&#25103;😀 </x:t></x:is></x:c>' +
  '<x:c r="C1" t="str"><x:f>A1&amp;"|"</x:f><x:v><![CDATA[<raw> & ]]>tail</x:v></x:c>' +
  '<x:c r="D1"/><?pi data?>' +
  '</x:row>\r\n<x:row r="2"><x:c r="A2"><x:v>1.5</x:v></x:c><x:c r="B2" t="s"><x:v>line1\r\nline2\rline3</x:v></x:c></x:row>' +
  '</x:sheetData></x:worksheet>\n<!-- after -->\n';

describe('worksheet scanner', () => {
  it('R-2.1 reports a sheet exactly as a full XML parser does, however the input is split', () => {
    const expected = reference(SHEET);
    expect(expected.length).toBeGreaterThan(30);
    expect(scanned([SHEET])).toEqual(expected);
    for (let at = 1; at < SHEET.length; at++) {
      expect(scanned([SHEET.slice(0, at), SHEET.slice(at)]), `split at ${at}`).toEqual(expected);
    }
    expect(scanned([...SHEET])).toEqual(expected); // one character at a time
  });

  it('R-2.1 decodes entities, character references and line ends as XML prescribes', () => {
    const events = scanned(['<r a="x&#10;y&#9;z&quot;" b="p\r\nq\tr"><t>a&amp;b&apos;&#x1F600;\r\nc</t></r>']);
    expect(events).toContain("#a&b'😀\nc");
    const attrs: (string | undefined)[] = [];
    const s = new XmlScanner({
      open: (_n, a) => attrs.push(a.get('a'), a.get('b'), a.get('missing')),
      close: () => {},
      text: () => {},
    });
    s.write('<r a="x&#10;y&#9;z&quot;" b="p\r\nq\tr"/>');
    s.close();
    // References keep the characters they name; literal whitespace in a value becomes a space.
    expect(attrs).toEqual(['x\ny\tz"', 'p q r', undefined]);
  });

  const refused: [string, string, RegExp][] = [
    ['a DOCTYPE with entities', '<!DOCTYPE w [<!ENTITY a "aaaa">]><w>&a;</w>', /DOCTYPE/],
    ['an undeclared entity', '<w>&a;</w>', /实体/],
    ['a bare ampersand', '<w>fish & chips</w>', /&/],
    ['a reference to NUL', '<w>&#0;</w>', /不是合法字符/],
    ['a reference past Unicode', '<w>&#x110000;</w>', /不是合法字符/],
    ['crossed tags', '<w><a><b></a></b></w>', /没有正确结束/],
    ['an unclosed root', '<w><a></a>', /没有成对结束/],
    ['a stray end tag', '<w></w></w>', /多余的结束标签/],
    ['two roots', '<w/><v/>', /多个根元素/],
    ['text outside the root', '<w/>tail', /根元素之外/],
    ['an unquoted attribute', '<w a=1/>', /缺少引号/],
    ['an attribute without a value', '<w a/>', /属性格式不正确/],
    ['attributes run together', '<w a="1"b="2"/>', /缺少空格/],
    ['< in an attribute value', '<w a="<"/>', /含有 </],
    ['an invalid element name', '<1w/>', /无效的标签名/],
    ['a file that ends inside a tag', '<w><c r="A1"', /中间结束/],
    ['an unterminated comment', '<w><!-- no end</w>', /中间结束/],
    ['an empty document', '', /没有成对结束/],
  ];
  it.each(refused)('R-2.1 refuses %s with a Chinese reason, whole and in pieces', (_what, xml, reason) => {
    for (const chunks of [[xml], [...xml]]) {
      let error: unknown;
      try {
        scanned(chunks);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses a tag or text that never ends instead of holding it all in memory', () => {
    const s = new XmlScanner({ open: () => {}, close: () => {}, text: () => {} });
    s.write('<w><c r="');
    const block = 'x'.repeat(1 << 20);
    let written = 0;
    expect(() => {
      for (; written <= MAX_TOKEN + block.length; written += block.length) s.write(block);
    }).toThrow(/过长/);
    expect(written).toBeLessThanOrEqual(MAX_TOKEN + block.length);
  });
});
