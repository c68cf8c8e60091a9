// One way to run a streaming XML parser (saxes) over untrusted input, for XML uploads and for the XML parts of
// an xlsx. saxes never reads external resources and knows only the five predefined entities; on top of that
// any DOCTYPE is refused, so no entity can be declared at all (XXE, "billion laughs").
import { SaxesParser } from 'saxes';
import { ValidationError } from '@/lib/errors';

type Options = { xmlns: false; position: boolean };
export type Parser = SaxesParser<Options>;

export function createParser(opts: { position?: boolean } = {}): Parser {
  const parser = new SaxesParser<Options>({ xmlns: false, position: opts.position ?? false });
  parser.on('doctype', () => {
    throw doctypeRefused();
  });
  return parser;
}

export function doctypeRefused(): ValidationError {
  return new ValidationError(
    'XML 内容含有 DOCTYPE 声明（可用于实体扩展或读取服务器文件的攻击），已拒绝导入：请去掉 DOCTYPE 后重新导出',
  );
}

/**
 * A DOCTYPE can only stand in the prolog, before the root element: look for one in the first text of the file
 * before giving a single byte to the parser.
 */
export function assertNoDoctype(prologText: string): void {
  const root = /<[A-Za-z_:\u00C0-\uFFFF]/.exec(prologText);
  const prolog = root ? prologText.slice(0, root.index) : prologText;
  if (/<!DOCTYPE|<!ENTITY/i.test(prolog)) throw doctypeRefused();
}

/** What feed() drives: saxes, or the worksheet scanner (./xml-scan.ts). */
export interface ChunkParser {
  write(chunk: string): unknown;
  close(): unknown;
}

/** Feeds text chunks to the parser; `drain` runs after each chunk (to hand on what the handlers collected). */
export async function* feed<T>(
  parser: ChunkParser,
  chunks: AsyncIterable<string>,
  drain: () => T[],
  what: string,
): AsyncGenerator<T> {
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      const ready = drain();
      if (ready.length) yield* ready;
    }
    parser.close();
    const ready = drain();
    if (ready.length) yield* ready;
  } catch (e) {
    throw xmlError(e, parser, what);
  }
}

function xmlError(e: unknown, parser: ChunkParser, what: string): ValidationError {
  if (e instanceof ValidationError) return e;
  const at =
    parser instanceof SaxesParser && parser.opt.position ? `（第${parser.line}行第${parser.column}列附近）` : '';
  return new ValidationError(`${what}格式不正确${at}，文件无法读取：请检查文件是否完整、标签是否成对`, {
    cause: e instanceof Error ? e.message : String(e),
  });
}

/** The local part of a qualified element name (`ns:record` → `record`). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}
