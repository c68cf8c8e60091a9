// The exchange transform library: every declarative step on good and bad input, the chain schema that
// refuses anything that is not a known step, the field mapping and the front-end query check.
import { describe, expect, it } from 'vitest';
import { validateQuery } from '../../lib/exchange/sources/database';
import { SourceStop } from '../../lib/exchange/sources/types';
import { mappingSchema, mapRow } from '../../lib/exchange/transforms/mapping';
import {
  applyChain,
  applyStep,
  chainSchema,
  TransformError,
  type CodeTables,
} from '../../lib/exchange/transforms/steps';

const tables: CodeTables = new Map([
  [
    'PENALTY_CATEGORY',
    new Map([
      ['罚款', '03'],
      ['03', '03'],
      ['警告', '01'],
    ]),
  ],
]);
const run = (step: unknown, value: string) => applyStep(chainSchema.parse([step])[0]!, value, tables);

describe('exchange transforms', () => {
  it('R-4.1 trim removes ASCII and full-width spaces at both ends only', () => {
    expect(run({ op: 'trim' }, ' \u3000某 公司\t')).toBe('某 公司');
    expect(run({ op: 'trim' }, '')).toBe('');
  });

  it('R-4.1 date reads the listed formats into YYYY-MM-DD and refuses impossible dates', () => {
    const step = { op: 'date', formats: ['YYYY/MM/DD', 'YYYYMMDD', 'YYYY年M月D日', 'DD.MM.YY'] };
    expect(run(step, '2026/10/05')).toBe('2026-10-05');
    expect(run(step, '20261005')).toBe('2026-10-05');
    expect(run(step, '2026年3月7日')).toBe('2026-03-07');
    expect(run(step, '07.03.26')).toBe('2026-03-07');
    expect(run(step, '')).toBe('');
    expect(() => run(step, '2026/02/30')).toThrow(TransformError);
    expect(() => run(step, '十月五日')).toThrow(/不是可识别的日期/);
  });

  it('R-4.1 money converts 元 and 万元 exactly on the decimal digits', () => {
    expect(run({ op: 'money', from: '元', to: '万元' }, '2000')).toBe('0.2');
    expect(run({ op: 'money', from: '元', to: '万元' }, '1,234,567.89')).toBe('123.456789');
    expect(run({ op: 'money', from: '元', to: '万元' }, '5')).toBe('0.0005');
    expect(run({ op: 'money', from: '万元', to: '元' }, '0.2')).toBe('2000');
    expect(run({ op: 'money', from: '万元', to: '元' }, '12.3456789')).toBe('123456.789');
    expect(run({ op: 'money', from: '万元', to: '元' }, '-1.5')).toBe('-15000');
    expect(run({ op: 'money', from: '元', to: '元' }, '7.50')).toBe('7.50');
    expect(() => run({ op: 'money', from: '元', to: '万元' }, '两千')).toThrow(/不是金额/);
  });

  it('R-4.1 idNumber18 upgrades a 15-digit number with its check character and keeps an 18-digit one', () => {
    expect(run({ op: 'idNumber18' }, '410823850101123')).toBe('410823198501011236'); // 215 mod 11 = 6 → '6';
    expect(run({ op: 'idNumber18' }, '41082319850101123x')).toBe('41082319850101123X');
    expect(() => run({ op: 'idNumber18' }, '12345')).toThrow(/不是15位或18位身份证号/);
  });

  it('R-4.1 width converts full-width to half-width and back', () => {
    expect(run({ op: 'width', to: 'half' }, 'ＡＢＣ１２３（）　')).toBe('ABC123() ');
    expect(run({ op: 'width', to: 'full' }, 'A1 ')).toBe('Ａ１\u3000');
  });

  it('R-4.1 split takes a part, join joins the field sources, constant sets a value', () => {
    expect(run({ op: 'split', separator: '-', index: 1 }, 'a-b-c')).toBe('b');
    expect(run({ op: 'split', separator: '-', index: 5 }, 'a-b')).toBe('');
    expect(applyChain(chainSchema.parse([{ op: 'join', separator: ' / ' }]), ['甲', '', '乙'], tables)).toBe('甲 / 乙');
    expect(run({ op: 'constant', value: '01' }, 'anything')).toBe('01');
  });

  it('R-4.1 lookup maps labels and codes through a code table, and says when a value is not in it', () => {
    expect(run({ op: 'lookup', table: 'PENALTY_CATEGORY' }, '罚款')).toBe('03');
    expect(run({ op: 'lookup', table: 'PENALTY_CATEGORY' }, '03')).toBe('03');
    expect(run({ op: 'lookup', table: 'PENALTY_CATEGORY', fallback: 'keep' }, '其他')).toBe('其他');
    expect(() => run({ op: 'lookup', table: 'PENALTY_CATEGORY' }, '拘留')).toThrow(/不在代码表/);
    expect(() => run({ op: 'lookup', table: 'NO_SUCH' }, 'x')).toThrow(/代码表“NO_SUCH”不存在/);
  });

  it('R-4.1 a chain is declarative: an unknown step or code is refused by the schema', () => {
    expect(chainSchema.safeParse([{ op: 'eval', code: 'process.exit()' }]).success).toBe(false);
    expect(chainSchema.safeParse([{ op: 'date', formats: [] }]).success).toBe(false);
    expect(chainSchema.safeParse('trim').success).toBe(false);
  });

  it('R-4.1 maps a row field by field and collects every field error with its target', () => {
    const mapping = mappingSchema.parse({
      fields: [
        { target: 'subjectName', sources: ['name'], steps: [{ op: 'trim' }, { op: 'width', to: 'half' }] },
        { target: 'decisionDate', sources: ['d'], steps: [{ op: 'date', formats: ['YYYY/MM/DD'] }] },
        { target: 'fineAmount', sources: ['yuan'], steps: [{ op: 'money', from: '元', to: '万元' }] },
      ],
    });
    expect(mapRow(mapping, { name: ' ＡＢ公司 ', d: new Date('2026-01-02'), yuan: 300 }, tables)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^decisionDate：/)],
    });
    expect(mapRow(mapping, { name: ' ＡＢ公司 ', d: '2026/01/02', yuan: 300 }, tables)).toEqual({
      ok: true,
      values: { subjectName: 'AB公司', decisionDate: '2026-01-02', fineAmount: '0.03' },
    });
    expect(mappingSchema.safeParse({ fields: [{ target: 'x', sources: ['a; drop table'] }] }).success).toBe(false);
  });

  it('R-4.2 accepts one read-only SELECT as a front-end query and refuses anything else', () => {
    expect(validateQuery('SELECT * FROM t WHERE a = 1;')).toBe('SELECT * FROM t WHERE a = 1');
    expect(validateQuery("WITH x AS (SELECT 1 AS a) SELECT * FROM x WHERE 'delete' <> ''")).toContain('WITH');
    for (const bad of [
      'DELETE FROM t',
      'SELECT 1; DROP TABLE t',
      'SELECT * FROM t FOR UPDATE',
      'SELECT * INTO copy FROM t',
      'SELECT 1 -- hidden',
      'SELECT pg_sleep(100)',
      'UPDATE t SET a = 1',
    ])
      expect(() => validateQuery(bad), bad).toThrow(SourceStop);
  });
});
