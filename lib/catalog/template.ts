// The Excel template of a catalog version: one header row of standard column names with notes,
// dropdowns from the code tables (kept on a hidden sheet), date and length validations on the data rows.
import ExcelJS from 'exceljs';
import { neutraliseCell } from '@/lib/files/csv-safe';
import type { CatalogDef, FieldDef } from './types';

const DATA_ROWS = 5000;

export async function buildTemplate(def: CatalogDef): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信用武陟';
  wb.created = new Date(0); // stable bytes for the same catalog version
  const sheet = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = wb.addWorksheet('代码表', { state: 'veryHidden' });

  let listCol = 1;
  def.fields.forEach((field, i) => {
    const col = i + 1;
    const cell = sheet.getCell(1, col);
    cell.value = neutraliseCell(field.label);
    cell.font = { bold: true, color: { argb: field.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.note = noteFor(def, field);
    sheet.getColumn(col).width = Math.min(40, Math.max(12, field.label.length * 2 + 2));

    const validation = validationFor(def, field, () => {
      const items = def.codeTables[field.codeTable ?? '']?.items ?? [];
      items.forEach((item, r) => (lists.getCell(r + 1, listCol).value = neutraliseCell(`${item.code} ${item.label}`)));
      const ref = `代码表!$${colLetter(listCol)}$1:$${colLetter(listCol)}$${Math.max(1, items.length)}`;
      listCol += 1;
      return ref;
    });
    if (validation) {
      const letter = colLetter(col);
      // exceljs applies a validation to a range through the sheet's dataValidations model.
      (
        sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${letter}2:${letter}${DATA_ROWS + 1}`, validation);
    }
    if (field.type === 'DATE') sheet.getColumn(col).numFmt = 'yyyy-mm-dd';
    else sheet.getColumn(col).numFmt = '@'; // text, so leading zeros and 18-digit numbers survive
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function noteFor(def: CatalogDef, field: FieldDef): string {
  const parts = [field.required ? '必填' : '选填'];
  if (field.maxLength) parts.push(`最多${field.maxLength}个字符`);
  if (field.type === 'DATE') parts.push('日期格式：YYYY-MM-DD');
  if (field.type === 'AMOUNT_WAN') parts.push('单位：万元');
  if (field.type === 'USCC') parts.push('18位统一社会信用代码');
  if (field.type === 'ID_NUMBER' || field.type === 'CERT_NUMBER') parts.push('证件号码，按证件类型校验');
  if (field.codeTable) parts.push(`从下拉列表选择（${def.codeTables[field.codeTable]?.name ?? field.codeTable}）`);
  if (field.note) parts.push(field.note);
  return parts.join('；');
}

function validationFor(def: CatalogDef, field: FieldDef, listRef: () => string): ExcelJS.DataValidation | null {
  if (field.type === 'ENUM' && field.codeTable && def.codeTables[field.codeTable]) {
    return {
      type: 'list',
      allowBlank: !field.required,
      formulae: [listRef()],
      showErrorMessage: true,
      error: '请从下拉列表中选择',
    };
  }
  if (field.type === 'DATE') {
    return {
      type: 'date',
      operator: 'between',
      allowBlank: !field.required,
      formulae: [new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
      showErrorMessage: true,
      error: '请输入有效日期（YYYY-MM-DD）',
    };
  }
  if (field.maxLength) {
    return {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      allowBlank: !field.required,
      formulae: [field.maxLength],
      showErrorMessage: true,
      error: `最多${field.maxLength}个字符`,
    };
  }
  return null;
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
