// xlsx: the first visible worksheet, streamed row by row from the metered zip (./zip.ts) through the sheet
// scanner (./xml-scan.ts; the small parts go through saxes).
// Cell values are what Excel shows as text: shared and inline strings, numbers to 15 significant digits, dates
// (cells whose format shows a date) as YYYY-MM-DD.
//
// Formulas are never evaluated: the value cached in the file (what the provider saw) is imported. A formula
// that would call another program — DDE (`cmd|' /C calc'!A0`), the DDE/CALL/REGISTER/EXEC functions — or a
// DDE/OLE link of the workbook refuses the whole file: such a file is hostile, not a row to fix.
import { ValidationError } from '@/lib/errors';
import { createParser, feed, localName } from './sax';
import { XmlScanner } from './xml-scan';
import { MAX_ROWS, tooManyRows, type SheetRow } from './types';
import { callsProgram, cellText, columnIndex, columnLetters, type CellContext } from './xlsx-cells';
import { StringTable } from './string-table';
import { readDateStyles, readSharedStrings, readWorkbook, utf8 } from './xlsx-parts';
import { openXlsxZip, type XlsxZip, type ZipLimits } from './zip';

export async function* readXlsx(path: string, limits?: ZipLimits): AsyncGenerator<SheetRow> {
  const zip = await openXlsxZip(path, limits);
  try {
    const book = await readWorkbook(zip);
    await assertNoCommandLinks(zip);
    const ctx: CellContext = {
      strings: book.sharedStringsPath ? await readSharedStrings(zip, book.sharedStringsPath) : new StringTable(),
      dateStyles: book.stylesPath ? await readDateStyles(zip, book.stylesPath) : new Set(),
      date1904: book.date1904,
    };
    let previous = 0;
    for await (const row of sheetRows(zip, book.sheetPath, ctx)) {
      if (row.rowNumber > MAX_ROWS) throw tooManyRows();
      if (row.rowNumber <= previous) throw new ValidationError('无法读取 Excel 文件：工作表的行顺序错乱，文件已损坏');
      // The header is row 1; a sheet that starts lower gets an empty header, and with it a clear message.
      if (previous === 0 && row.rowNumber !== 1) yield { rowNumber: 1, cells: [] };
      previous = row.rowNumber;
      yield row;
    }
  } finally {
    zip.close();
  }
}

async function* sheetRows(zip: XlsxZip, path: string, ctx: CellContext): AsyncGenerator<SheetRow> {
  const done: SheetRow[] = [];
  let row: SheetRow = { rowNumber: 0, cells: [] };
  let col = 0;
  let type = '';
  let style = 0;
  let value = '';
  let formula = '';
  let inline = '';
  let capture: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;
  const scanner = new XmlScanner({
    open(name, attributes) {
      switch (localName(name)) {
        case 'row': {
          const r = attributes.get('r');
          row = { rowNumber: r ? Number(r) : row.rowNumber + 1, cells: [] };
          if (!Number.isSafeInteger(row.rowNumber) || row.rowNumber < 1) throw damaged();
          col = 0;
          break;
        }
        case 'c': {
          const r = attributes.get('r');
          col = r ? columnIndex(r) : col + 1;
          type = attributes.get('t') ?? 'n';
          style = Number(attributes.get('s') ?? 0);
          value = formula = inline = '';
          break;
        }
        case 'v':
          capture = 'v';
          break;
        case 'f':
          capture = 'f';
          break;
        case 't':
          capture = phonetic ? null : 't';
          break;
        case 'rPh':
          phonetic += 1;
          break;
      }
    },
    text(text) {
      if (capture === 'v') value += text;
      else if (capture === 'f') formula += text;
      else if (capture === 't') inline += text;
    },
    close(name) {
      switch (localName(name)) {
        case 'v':
        case 'f':
        case 't':
          capture = null;
          break;
        case 'rPh':
          phonetic -= 1;
          break;
        case 'c': {
          if (formula && callsProgram(formula)) throw commandFormula(row.rowNumber, col);
          const text = cellText(type, value, inline, style, ctx);
          if (text !== '') {
            while (row.cells.length < col - 1) row.cells.push('');
            row.cells[col - 1] = text;
          }
          break;
        }
        case 'row':
          done.push(row);
          break;
      }
    },
  });
  yield* feed(scanner, utf8(zip.read(path)), () => done.splice(0), 'Excel 文件内容');
}

function commandFormula(row: number, col: number): ValidationError {
  return new ValidationError(
    `${columnLetters(col)}${row} 单元格的公式会调用外部程序（DDE/命令），文件已被拒绝：请删除该公式或改为数值后重新上传`,
  );
}

// A DDE or OLE link lives in an external-link part; formulas then refer to it as [1]!… without the command text.
async function assertNoCommandLinks(zip: XlsxZip): Promise<void> {
  for (const name of zip.names().filter((n) => /^xl\/externalLinks\/[^/]+\.xml$/i.test(n))) {
    let found = false;
    const parser = createParser();
    parser.on('opentag', (tag) => {
      if (['ddeLink', 'oleLink'].includes(localName(tag.name))) found = true;
    });
    for await (const _ of feed(parser, utf8(zip.read(name)), () => [], 'Excel 文件内容')) {
      // handlers only
    }
    if (found) {
      throw new ValidationError(
        'Excel 文件含有 DDE/OLE 外部链接（可调用外部程序），已拒绝导入：请删除外部链接后重新上传',
      );
    }
  }
}

function damaged(): ValidationError {
  return new ValidationError('无法读取 Excel 文件：文件已损坏或格式不正确');
}
