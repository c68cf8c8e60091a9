// Text encodings of CSV, TXT and XML uploads. Chinese government systems and Excel's "CSV" export write GBK;
// newer tools write UTF-8, with or without a BOM; Excel's "Unicode 文本" is UTF-16LE with a BOM. The encoding is
// decided once from the first 64 KiB and then enforced for the whole file (a fatal decoder): a file that
// mixes encodings is refused rather than imported with mangled characters.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { ValidationError } from '@/lib/errors';

export type TextEncoding = 'utf-8' | 'gbk' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const SNIFF_BYTES = 64 * 1024;

const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  gbk: 'GBK',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

/** The first bytes of a file (at most SNIFF_BYTES) and whether that is the whole file. */
export async function headBytes(path: string, length = SNIFF_BYTES): Promise<{ head: Buffer; whole: boolean }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(Math.min(length, size)), 0, Math.min(length, size), 0);
    return { head: buffer.subarray(0, bytesRead), whole: bytesRead >= size };
  } finally {
    await fh.close();
  }
}

function bomEncoding(head: Buffer): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Control bytes that no text of our encodings contains (GBK and UTF-8 multi-byte sequences use bytes >= 0x40):
 * NUL and the like, but not TAB/LF/VT/FF/CR nor the DOS end-of-file mark 0x1A.
 */
export function looksBinary(head: Buffer): boolean {
  if (bomEncoding(head)?.startsWith('utf-16')) return false;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a)) return true;
  return false;
}

/** Decides the encoding of a CSV/TXT file from its first bytes; undefined when it is none we read. */
export function sniffEncoding(head: Buffer, whole: boolean): TextEncoding | undefined {
  const bom = bomEncoding(head);
  if (bom) return bom;
  // `stream: true` keeps a character cut at the 64 KiB edge pending instead of failing on it.
  if (decodes('utf-8', head, !whole)) return 'utf-8';
  if (decodes('gbk', head, !whole)) return 'gbk';
  return undefined;
}

function decodes(encoding: TextEncoding, bytes: Buffer, partial: boolean): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: partial });
    return true;
  } catch {
    return false;
  }
}

export function unknownEncoding(): ValidationError {
  return new ValidationError('无法识别文件的字符编码：请将文件保存为 UTF-8 或 GBK 编码后重新上传');
}

/**
 * The file as decoded text, chunk by chunk. A BOM is dropped. Bytes that do not decode in the chosen
 * encoding stop the read with a message naming the encoding.
 */
export async function* decodeFile(path: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const stream = createReadStream(path, { highWaterMark: SNIFF_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decode(decoder, encoding, chunk, true);
      if (text) yield text;
    }
    const rest = decode(decoder, encoding, undefined, false);
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

function decode(decoder: TextDecoder, encoding: TextEncoding, chunk: Buffer | undefined, more: boolean): string {
  try {
    return decoder.decode(chunk, { stream: more });
  } catch {
    throw new ValidationError(
      `文件中有不是 ${NAMES[encoding]} 编码的字符（可能混用了多种编码，或文件已损坏）：请将整个文件另存为 UTF-8 或 GBK 编码后重新上传`,
    );
  }
}
