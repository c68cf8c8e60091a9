// The zip container of an xlsx, opened through its central directory (yauzl) so that the sizes it declares can be
// checked before a byte is inflated (OWASP ASVS 5.2.3): too many entries, too much declared data, or a
// compression ratio no spreadsheet has, and the file is refused as a zip bomb. While inflating, every entry is
// metered against what the directory declared and against the total budget, because the directory may lie.
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ValidationError } from '@/lib/errors';

export const ZIP_LIMITS = {
  /**
   * Sum of the declared uncompressed sizes, and the budget of bytes actually inflated. Sized for a full sheet:
   * 1,048,576 rows of the widest built-in catalog unzip to about 2.5 GB (a 1,000,000-row 行政处罚 sheet: 1.17 GB).
   * Parts are streamed, never held whole, so the limit bounds work, not memory.
   */
  maxTotalBytes: 3 * 1024 ** 3,
  /** Uncompressed / compressed: data sheets stay far below (the generated 行政处罚 sheets: about 9). */
  maxRatio: 200,
  /** Entries smaller than this are not ratio-checked (a tiny part of spaces compresses well and harms no one). */
  ratioFloor: 1024 ** 2,
  maxEntries: 10_000,
};

export type ZipLimits = typeof ZIP_LIMITS;

export interface XlsxZip {
  /** Entry names as stored, looked up case-insensitively. */
  has(name: string): boolean;
  names(): string[];
  /** The uncompressed size the directory declares for an entry (the metering in read() holds it to that). */
  size(name: string): number | undefined;
  /** The inflated bytes of an entry, metered. */
  read(name: string): AsyncGenerator<Buffer>;
  close(): void;
}

export async function openXlsxZip(path: string, limits: ZipLimits = ZIP_LIMITS): Promise<XlsxZip> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false });
  } catch (e) {
    throw damaged(e);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw bomb('包含的文件数量异常');
    const entries = new Map<string, Entry>();
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxTotalBytes) throw bomb(`解压后超过 ${limits.maxTotalBytes / 1024 ** 3} GB`);
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioFloor && ratio > limits.maxRatio) throw bomb('压缩比异常');
      if (entry.isEncrypted()) throw new ValidationError('Excel 文件已加密：请取消密码保护后重新上传');
      entries.set(entry.fileName.toLowerCase(), entry);
    }
    return archive(zip, entries, limits);
  } catch (e) {
    zip.close();
    throw e instanceof ValidationError ? e : damaged(e);
  }
}

function archive(zip: ZipFile, entries: Map<string, Entry>, limits: ZipLimits): XlsxZip {
  let budget = limits.maxTotalBytes;
  return {
    has: (name) => entries.has(name.toLowerCase()),
    names: () => [...entries.values()].map((e) => e.fileName),
    size: (name) => entries.get(name.toLowerCase())?.uncompressedSize,
    async *read(name) {
      const entry = entries.get(name.toLowerCase());
      if (!entry) throw damaged(`missing entry ${name}`);
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (e) {
        throw damaged(e);
      }
      let inflated = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          budget -= chunk.length;
          if (inflated > entry.uncompressedSize || budget < 0) throw bomb('解压后的数据量与文件目录记录不符');
          yield chunk;
        }
      } catch (e) {
        throw e instanceof ValidationError ? e : damaged(e);
      } finally {
        stream.destroy();
      }
      if (inflated !== entry.uncompressedSize) throw damaged(`${name}: ${inflated} of ${entry.uncompressedSize} bytes`);
    },
    close: () => zip.close(),
  };
}

function bomb(why: string): ValidationError {
  return new ValidationError(`Excel 文件${why}（疑似压缩炸弹），已拒绝导入：请重新导出正常的 Excel 文件后上传`);
}

function damaged(cause: unknown): ValidationError {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/end of central directory/i.test(text)) {
    return new ValidationError('Excel 文件不完整（可能上传中断或文件已损坏），请重新导出后上传', { cause: text });
  }
  return new ValidationError('无法读取 Excel 文件：文件已损坏或格式不正确', { cause: text });
}
