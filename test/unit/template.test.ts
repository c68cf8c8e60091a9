// The Excel template generated from a catalog version: standard headers in catalog order,
// required columns marked, notes, and dropdowns drawn from the code tables.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../lib/catalog/template';
import { adminPenaltyCatalog } from '../../prisma/seed-data/catalogs';
import { defFromSeed } from '../support/seed-def';

const def = defFromSeed(adminPenaltyCatalog);

async function open(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplate(def)) as unknown as ExcelJS.Buffer);
  return wb;
}

describe('catalog template', () => {
  it('R-1.3.3 has one header per field, in catalog order, with notes saying what to fill', async () => {
    const sheet = (await open()).worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(def.fields.map((f) => f.label));
    const decisionDate = def.fields.findIndex((f) => f.key === 'decisionDate') + 1;
    expect(String(sheet.getCell(1, decisionDate).note)).toContain('必填');
    expect(String(sheet.getCell(1, decisionDate).note)).toContain('YYYY-MM-DD');
  });

  it('R-1.3.3 offers the code-table values of an enum column as a dropdown', async () => {
    const wb = await open();
    const sheet = wb.worksheets[0]!;
    const col = def.fields.findIndex((f) => f.key === 'penaltyCategory') + 1;
    const letter = String.fromCharCode(64 + ((col - 1) % 26) + 1);
    const prefix = col > 26 ? String.fromCharCode(64 + Math.floor((col - 1) / 26)) : '';
    const validation = (
      sheet as unknown as { dataValidations: { find(a: string): ExcelJS.DataValidation | undefined } }
    ).dataValidations.find(`${prefix}${letter}2`);
    expect(validation?.type).toBe('list');
    const lists = wb.getWorksheet('代码表')!;
    const listed = lists
      .getColumn(1)
      .values.concat(
        lists.getColumn(2).values,
        lists.getColumn(3).values,
        lists.getColumn(4).values,
        lists.getColumn(5).values,
      );
    expect(listed).toContain('03 罚款');
  });
});
