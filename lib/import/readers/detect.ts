// The format of an upload, from its extension and confirmed by its content, at upload time: a file of the wrong
// kind, an empty one, a truncated or bomb-shaped zip, an XML with a DOCTYPE is refused before a batch exists.
import { ValidationError } from '@/lib/errors';
import { assertNoDoctype } from './sax';
import { headBytes, looksBinary, sniffEncoding, unknownEncoding } from './text';
import type { FileFormat } from './types';
import { xmlEncoding } from './xml';
import { openXlsxZip } from './zip';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // .xls, and an xlsx with an opening password

export async function detectFormat(path: string, originalName: string): Promise<FileFormat> {
  const { head, whole } = await headBytes(path);
  if (head.length === 0) throw new ValidationError('文件为空');
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(originalName.replace(/\0/g, '').trim())?.[1]?.toLowerCase() ?? '';
  const isZip = starts(head, ZIP);
  const isOle = starts(head, OLE);

  switch (ext) {
    case 'xlsx':
      if (isOle)
        throw new ValidationError('Excel 文件设置了打开密码（已加密）或是旧版格式：请取消密码并另存为 .xlsx 后上传');
      if (!isZip) throw new ValidationError('文件扩展名为 .xlsx，但内容不是有效的 Excel 文件');
      // Reads the central directory: a truncated zip, a zip bomb, an encrypted entry are refused here.
      (await openXlsxZip(path)).close();
      return 'xlsx';
    case 'csv':
    case 'txt': {
      if (isZip || isOle) {
        throw new ValidationError(
          `文件扩展名为 .${ext}，但内容是 Excel 文件：请将扩展名改为 .xlsx，或在 Excel 中另存为 CSV 后上传`,
        );
      }
      if (looksBinary(head)) throw new ValidationError(`文件扩展名为 .${ext}，但内容不是文本文件`);
      const encoding = sniffEncoding(head, whole);
      if (!encoding) throw unknownEncoding();
      if (whole && !new TextDecoder(encoding).decode(head).trim()) throw new ValidationError('文件为空');
      return ext;
    }
    case 'xml': {
      if (isZip || isOle) throw new ValidationError('文件扩展名为 .xml，但内容不是 XML 文本');
      // xmlEncoding also refuses binary content.
      const text = new TextDecoder(xmlEncoding(head)).decode(head).replace(/^\uFEFF/, '');
      if (whole && !text.trim()) throw new ValidationError('文件为空');
      if (!text.trimStart().startsWith('<')) throw new ValidationError('文件扩展名为 .xml，但内容不是 XML 文本');
      assertNoDoctype(text);
      return 'xml';
    }
    case 'xls':
      throw new ValidationError('不支持旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 后上传');
    default:
      throw new ValidationError('不支持的文件类型：请上传 .xlsx、.csv、.txt 或 .xml 文件');
  }
}

function starts(head: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => head[i] === b);
}
