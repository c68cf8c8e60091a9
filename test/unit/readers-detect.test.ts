// Format detection at upload: the extension names the format, the content must agree.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../lib/import/read-rows';

const dir = mkdtempSync(join(tmpdir(), 'readers-detect-'));

function file(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('format detection', () => {
  it('R-1.3.1 accepts .csv, .txt and .xml by extension, in any letter case', async () => {
    expect(await detectFormat(file('a.CSV', 'a,b\n'), '数据.CSV')).toBe('csv');
    expect(await detectFormat(file('a.txt', 'a\tb\n'), '数据.Txt')).toBe('txt');
    expect(await detectFormat(file('a.xml', '<r/>'), '数据.xml')).toBe('xml');
  });

  it('R-2.1 refuses unknown types, old .xls files and double extensions by the last one', async () => {
    await expect(detectFormat(file('a.pdf', '%PDF-1.7'), 'report.pdf')).rejects.toThrow(/不支持的文件类型/);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(detectFormat(file('a.xls', ole), '数据.xls')).rejects.toThrow(/另存为 .xlsx/);
    await expect(detectFormat(file('a.exe', 'MZ'), '数据.csv.exe')).rejects.toThrow(/不支持的文件类型/);
    await expect(detectFormat(file('b.csv', '行,列\n'), '数据.exe.csv')).resolves.toBe('csv');
  });

  it('R-2.1 refuses an empty file of every type', async () => {
    for (const name of ['a.xlsx', 'a.csv', 'a.txt', 'a.xml']) {
      await expect(detectFormat(file(`empty-${name}`, ''), name)).rejects.toThrow('文件为空');
    }
    await expect(detectFormat(file('ws.xml', '  \n'), 'ws.xml')).rejects.toThrow('文件为空');
  });
});
