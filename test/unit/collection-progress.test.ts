// Rate and time left of a running import (the batch page and the import CLI) and the row estimate of text
// files they rest on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateProgress, formatDuration, formatRate } from '../../lib/exchange/batch-progress';
import { estimateRows } from '../../lib/exchange/estimate-rows';

const dir = mkdtempSync(join(tmpdir(), 'estimate-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('import progress', () => {
  const start = '2026-11-28T08:00:00.000Z';
  const at = (seconds: number) => Date.parse(start) + seconds * 1000;

  it('R-2.4 measures the rate since processing started and the time left when the total is known', () => {
    const e = estimateProgress({ rowsRead: 20_000, startedAt: start, expectedRows: 100_000, now: at(10) });
    expect(e.rate).toBe(2000);
    expect(e.etaMs).toBe(40_000);
    expect(e.percent).toBe(20);
    expect(e.elapsedMs).toBe(10_000);
  });

  it('shows no time left for an Excel file of unknown length, and no rate before there is one', () => {
    expect(estimateProgress({ rowsRead: 5000, startedAt: start, expectedRows: null, now: at(5) })).toEqual({
      elapsedMs: 5000,
      rate: 1000,
      etaMs: null,
      percent: null,
    });
    expect(estimateProgress({ rowsRead: 0, startedAt: null, expectedRows: 10, now: at(5) }).rate).toBeNull();
    expect(estimateProgress({ rowsRead: 12, startedAt: start, expectedRows: 10, now: at(2) }).percent).toBe(100);
  });

  it('writes durations and rates in Chinese', () => {
    expect(formatDuration(45_000)).toBe('45 秒');
    expect(formatDuration(200_000)).toBe('3 分 20 秒');
    expect(formatDuration(3_900_000)).toBe('1 小时 5 分');
    expect(formatRate(12345.6)).toBe('12,346 行/秒');
    expect(formatRate(null)).toBe('—');
  });
});

describe('row estimate of text files', () => {
  it('counts the data lines of CSV and TXT files, with or without a final line break', async () => {
    expect(await estimateRows(file('a.csv', '名称,代码\r\n甲,1\r\n乙,2\r\n'), 'csv')).toBe(2);
    expect(await estimateRows(file('b.txt', '名称\t代码\n甲\t1\n乙\t2\n丙\t3'), 'txt')).toBe(3);
    expect(await estimateRows(file('c.csv', '名称,代码\n'), 'csv')).toBe(0);
  });

  it('leaves Excel, XML and UTF-16 text unestimated', async () => {
    expect(await estimateRows(file('d.xlsx', 'PK'), 'xlsx')).toBeNull();
    expect(await estimateRows(file('e.xml', '<a/>'), 'xml')).toBeNull();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名称\n甲\n', 'utf16le')]);
    expect(await estimateRows(file('f.txt', utf16), 'txt')).toBeNull();
  });
});
