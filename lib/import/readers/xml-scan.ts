// A strict, allocation-lean XML tokenizer for the worksheet part of an xlsx, the one part whose size grows with
// the rows (about 1 KB of XML per row of a 双公示 catalog). saxes, which reads every other part, builds a tag
// object, an attribute object and a string per name and value for each of a sheet's ~150 tags per row: it was
// over half the CPU and the garbage of reading an xlsx (test/bench/analysis.md). This scanner walks the text with
// indexOf, hands attributes over as positions in the text (a value becomes a string only when asked for), and
// reuses the names it has seen.
//
// Strict in what it accepts: elements nest and close by name, one root, attributes quoted, only the five
// predefined entities and character references to legal characters, comments, CDATA and processing
// instructions. No DOCTYPE (refused, as in ./sax.ts), so nothing can declare or expand an entity. A token longer
// than MAX_TOKEN characters (a tag, a text, a comment that never ends) is an error, so memory stays bounded.
import { ValidationError } from '@/lib/errors';
import { doctypeRefused } from './sax';

export const MAX_TOKEN = 4_000_000;
const MAX_NAMES = 256;

export interface Attributes {
  /** The value of attribute `name` (qualified name as written), entities decoded; undefined when absent. */
  get(name: string): string | undefined;
}

export interface ScanHandlers {
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  /** Character data, decoded; whitespace-only runs outside the root are not reported. */
  text(text: string): void;
}

const NAME_START = /^[A-Za-z_:\u00C0-\uFFFF][-.0-9A-Za-z_:\u00B7\u00C0-\uFFFF]*$/;
const ENTITY = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));|&/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class XmlScanner implements Attributes {
  private buf = '';
  private pos = 0;
  private readonly stack: string[] = [];
  private rootSeen = false;
  private readonly names: string[] = [];
  // The attributes of the tag being reported: [nameStart, nameEnd, valueStart, valueEnd] per attribute.
  private attrs: number[] = [];
  private attrCount = 0;

  constructor(private readonly handlers: ScanHandlers) {}

  write(chunk: string): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.scan(false);
    if (this.buf.length - this.pos > MAX_TOKEN) throw malformed('内容中有过长的标签或文本');
  }

  close(): void {
    this.scan(true);
    if (this.pos < this.buf.length) throw malformed('文件在标签中间结束');
    if (this.stack.length || !this.rootSeen) throw malformed('标签没有成对结束');
  }

  get(name: string): string | undefined {
    const a = this.attrs;
    for (let i = 0; i < this.attrCount * 4; i += 4) {
      if (a[i + 1]! - a[i]! === name.length && this.buf.startsWith(name, a[i]!)) {
        const raw = this.buf.slice(a[i + 2], a[i + 3]);
        // Attribute-value normalisation: each whitespace character becomes a space, then references resolve.
        return decode(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw);
      }
    }
    return undefined;
  }

  /** Reports every complete token from `pos` on; stops at an incomplete one unless the input is over. */
  private scan(final: boolean): void {
    const buf = this.buf;
    for (;;) {
      const lt = buf.indexOf('<', this.pos);
      if (lt < 0) {
        if (final) {
          this.emitText(this.pos, buf.length);
          this.pos = buf.length;
        }
        return;
      }
      if (lt > this.pos) this.emitText(this.pos, lt);
      this.pos = lt;
      const next = buf.charCodeAt(lt + 1);
      const end =
        next === 47 /* / */
          ? this.closeTag(lt)
          : next === 33 /* ! */
            ? this.markup(lt, final)
            : next === 63 /* ? */
              ? this.skipTo(lt, '?>')
              : this.openTag(lt);
      if (end < 0) {
        if (final) throw malformed('文件在标签中间结束');
        return;
      }
      this.pos = end;
    }
  }

  private emitText(start: number, end: number): void {
    let text = this.buf.slice(start, end);
    if (!this.stack.length) {
      if (text.trim()) throw malformed('根元素之外有文本');
      return;
    }
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    this.handlers.text(text.includes('&') ? decode(text) : text);
  }

  /** `</name>`: the position after it, or -1 when incomplete. */
  private closeTag(lt: number): number {
    const buf = this.buf;
    const gt = buf.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    const top = this.stack[this.stack.length - 1];
    let nameEnd = gt;
    while (isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd -= 1;
    if (!top || nameEnd - (lt + 2) !== top.length || !buf.startsWith(top, lt + 2)) {
      throw malformed(top ? `标签 <${top}> 没有正确结束` : '多余的结束标签');
    }
    this.stack.pop();
    this.handlers.close(top);
    return gt + 1;
  }

  /** `<!-- -->`, `<![CDATA[ ]]>`; a DOCTYPE is refused. */
  private markup(lt: number, final: boolean): number {
    const buf = this.buf;
    if (buf.startsWith('<!--', lt)) return this.skipTo(lt, '-->');
    if (buf.startsWith('<![CDATA[', lt)) {
      if (!this.stack.length) throw malformed('根元素之外有文本');
      const end = buf.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      this.handlers.text(buf.slice(lt + 9, end));
      return end + 3;
    }
    if (buf.length - lt < 9 && !final) return -1;
    if (/^<!DOCTYPE/i.test(buf.slice(lt, lt + 9)) || buf.startsWith('<!ENTITY', lt)) throw doctypeRefused();
    throw malformed('无法识别的标记');
  }

  private skipTo(lt: number, terminator: string): number {
    const end = this.buf.indexOf(terminator, lt + 2);
    return end < 0 ? -1 : end + terminator.length;
  }

  /** `<name a="v" …>` or `<name … />`: reported, and the position after it; -1 when incomplete. */
  private openTag(lt: number): number {
    const buf = this.buf;
    const len = buf.length;
    let i = lt + 1;
    while (i < len && !isNameEnd(buf.charCodeAt(i))) i += 1;
    if (i >= len) return -1;
    const name = this.name(lt + 1, i);
    this.attrCount = 0;
    for (;;) {
      const before = i;
      while (i < len && isSpace(buf.charCodeAt(i))) i += 1;
      if (i >= len) return -1;
      const c = buf.charCodeAt(i);
      if (c === 62 /* > */ || c === 47 /* / */) {
        if (c === 47) {
          if (i + 1 >= len) return -1;
          if (buf.charCodeAt(i + 1) !== 62) throw malformed(`标签 <${name}> 格式不正确`);
          i += 1;
        }
        if (!this.stack.length && this.rootSeen) throw malformed('有多个根元素');
        this.rootSeen = true;
        this.stack.push(name);
        this.handlers.open(name, this);
        if (c === 47) {
          this.stack.pop();
          this.handlers.close(name);
        }
        return i + 1;
      }
      if (i === before) throw malformed(`标签 <${name}> 的属性之间缺少空格`);
      const nameStart = i;
      for (let c = buf.charCodeAt(i); i < len && !isNameEnd(c) && c !== 61; c = buf.charCodeAt(++i)) {
        if (c === 60 || c === 34 || c === 39 || c === 38) throw malformed(`标签 <${name}> 的属性格式不正确`);
      }
      const nameEnd = i;
      i += skipSpace(buf, i);
      if (i >= len) return -1;
      if (nameEnd === nameStart || buf.charCodeAt(i) !== 61) throw malformed(`标签 <${name}> 的属性格式不正确`);
      i += 1 + skipSpace(buf, i + 1);
      if (i >= len) return -1;
      const quote = buf.charCodeAt(i);
      if (quote !== 34 && quote !== 39) throw malformed(`标签 <${name}> 的属性值缺少引号`);
      const valueEnd = buf.indexOf(quote === 34 ? '"' : "'", i + 1);
      if (valueEnd < 0) return -1;
      const lessThan = buf.indexOf('<', i + 1);
      if (lessThan >= 0 && lessThan < valueEnd) throw malformed(`标签 <${name}> 的属性值含有 <`);
      this.attrs[this.attrCount * 4] = nameStart;
      this.attrs[this.attrCount * 4 + 1] = nameEnd;
      this.attrs[this.attrCount * 4 + 2] = i + 1;
      this.attrs[this.attrCount * 4 + 3] = valueEnd;
      this.attrCount += 1;
      i = valueEnd + 1;
    }
  }

  /** The element name at [start, end), as the same string each time it recurs. */
  private name(start: number, end: number): string {
    const length = end - start;
    for (const n of this.names) if (n.length === length && this.buf.startsWith(n, start)) return n;
    const name = this.buf.slice(start, end);
    if (!NAME_START.test(name)) throw malformed(name ? `无效的标签名 <${name.slice(0, 40)}>` : '标签缺少名称');
    if (this.names.length < MAX_NAMES) this.names.push(name);
    return name;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameEnd(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 62 || c === 47;
}

function skipSpace(buf: string, from: number): number {
  let i = from;
  while (i < buf.length && isSpace(buf.charCodeAt(i))) i += 1;
  return i - from;
}

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (all: string, hex?: string, dec?: string, named?: string) => {
    if (named) return PREDEFINED[named]!;
    if (!hex && !dec) throw malformed('文本中有未转义的 & 或未知的实体');
    const code = hex ? parseInt(hex, 16) : Number(dec);
    if (!isXmlChar(code)) throw malformed(`字符引用 ${all} 不是合法字符`);
    return String.fromCodePoint(code);
  });
}

function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

function malformed(what: string): ValidationError {
  return new ValidationError(`Excel 文件内容格式不正确（${what}），文件无法读取：请用 Excel 或 WPS 打开后重新保存`);
}
