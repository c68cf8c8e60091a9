import { describe, expect, it } from 'vitest';

import {
  birthDateOf,
  checkCertNumber,
  checkIdNumber,
  checkUscc,
  computeOrgCodeCheckChar,
  computeUsccCheckChar,
  isPhoneNumber,
  makeIdNumber,
  makeUscc,
  upgradeIdNumber15,
} from '../../lib/identifiers/index';
import { generateOrganisations } from '../../prisma/seed-data/organisations';

// A fixed "today" keeps the future-birth-date cases independent of when the suite runs.
const today = new Date('2026-11-28T04:00:00Z');

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    '91110000600037341L',
    '121200004013590816',
    '91310115MA1K3BTP2B',
    '9144030071526726XG',
    '91340600MA2PBM9HXD',
    '92340602MA2PBMEM24',
  ])('R-2.1 accepts the valid code %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, normalized: code });
  });

  it('R-2.1 rejects a USCC with a wrong check character', () => {
    expect(checkUscc('91110000600037341N')).toEqual({
      ok: false,
      code: 'CHECK_CHAR',
      message: '统一社会信用代码校验位错误',
    });
  });

  it('R-2.1 computes the check character of the standard worked example (S = 1640 → 3)', () => {
    expect(computeUsccCheckChar('91350100M000100Y4')).toBe('3');
    // The example's printed 'Z' is outside the 31-character set, so it is a format error, not a check error.
    expect(checkUscc('91350100M000100Y4Z')).toMatchObject({ ok: false, code: 'FORMAT' });
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
  });

  it.each(['9111000060003IOZSV', '12345', '91110000600037341', '9111000060003734100', '91AB0000600037341L'])(
    'R-2.1 reports a FORMAT problem for %s',
    (code) => {
      const result = checkUscc(code);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.code).toBe('FORMAT');
        expect(result.message).toMatch(/统一社会信用代码/);
      }
    },
  );

  it('R-2.1 rejects A1110000600037341L (A1 is a valid authority/category pair, so the check character catches it)', () => {
    expect(checkUscc('A1110000600037341L')).toMatchObject({ ok: false, code: 'CHECK_CHAR' });
  });

  it.each([
    ['91350100M0001TGQXM', '1'],
    ['91350211M0000XUF46', 'R'],
    ['91350203M0001FUE2P', 'J'],
  ])(
    'R-2.1 flags the legacy Fujian pilot code %s as suspect (computed check %s) without throwing',
    (code, computed) => {
      expect(computeUsccCheckChar(code.slice(0, 17))).toBe(computed);
      expect(checkUscc(code)).toMatchObject({ ok: false, code: 'CHECK_CHAR' });
    },
  );

  it('R-2.1 cross-checks position 17 against the GB 11714 organisation code', () => {
    const first16 = '91410823MA5M04R0';
    const goodOrgCheck = computeOrgCodeCheckChar(first16.slice(8));
    const wrongOrgCheck = goodOrgCheck === '1' ? '2' : '1';
    const first17 = first16 + wrongOrgCheck;
    // A correct 18th character over a wrong 17th: only the organisation-code check can notice.
    const code = first17 + computeUsccCheckChar(first17);
    expect(checkUscc(code)).toMatchObject({ ok: false, code: 'ORG_CODE_CHECK' });
  });

  it('R-2.1 computes the GB 11714 check characters X and 0', () => {
    expect(computeOrgCodeCheckChar('71526726')).toBe('X');
    expect(computeOrgCodeCheckChar('MA2PBM9H')).toBe('X');
    expect(computeOrgCodeCheckChar('60003734')).toBe('1');
  });

  it('R-2.1 normalises whitespace, lower case and full-width characters', () => {
    expect(checkUscc('  91310115ma1k3btp2b ')).toEqual({ ok: true, normalized: '91310115MA1K3BTP2B' });
    expect(checkUscc('\u3000９１１１００００６０００３７３４１Ｌ')).toEqual({
      ok: true,
      normalized: '91110000600037341L',
    });
  });

  it('makeUscc builds valid codes and refuses characters outside the set', () => {
    const code = makeUscc('91410823', 'MA47XK2P');
    expect(code).toMatch(/^91410823MA47XK2P[0-9X][0-9A-HJ-NPQRTUWXY]$/);
    expect(checkUscc(code)).toEqual({ ok: true, normalized: code });
    expect(() => makeUscc('91410823', 'MA47XK2I')).toThrow(RangeError);
    expect(() => makeUscc('9141082', 'MA47XK2P')).toThrow(RangeError);
  });
});

describe('公民身份号码 (GB 11643-1999)', () => {
  it.each(['11010519491231002X', '360426199101010071', '412723199010050012'])(
    'R-2.1 accepts the valid number %s',
    (id) => {
      expect(checkIdNumber(id, { today })).toEqual({ ok: true, normalized: id, legacy15: false });
    },
  );

  it('R-2.1 accepts a lowercase x and normalises it to X', () => {
    expect(checkIdNumber('44011320141005001x', { today })).toEqual({
      ok: true,
      normalized: '44011320141005001X',
      legacy15: false,
    });
  });

  it('R-2.1 explains a number a spreadsheet stored as a number, its last digits lost', () => {
    const scientific = checkIdNumber('4.10823E+17', { today });
    expect(scientific).toMatchObject({ ok: false, code: 'FORMAT' });
    expect(!scientific.ok && scientific.message).toContain('请将该列设为文本格式');
    // 15 significant digits kept: the number ends in 000 and its check character fails.
    const cut = checkIdNumber('412723199010050000', { today });
    expect(cut).toMatchObject({ ok: false, code: 'CHECK_CHAR' });
    expect(!cut.ok && cut.message).toContain('请将该列设为文本格式');
    const wrong = checkIdNumber('36042619910102009X', { today });
    expect(!wrong.ok && wrong.message).toBe('身份证号校验位错误');
  });

  it('R-2.1 rejects a wrong check character', () => {
    expect(checkIdNumber('36042619910102009X', { today })).toEqual({
      ok: false,
      code: 'CHECK_CHAR',
      message: '身份证号校验位错误',
    });
  });

  it('R-2.1 rejects month 13 as an invalid birth date', () => {
    expect(checkIdNumber('360426199113010079', { today })).toMatchObject({ ok: false, code: 'BIRTH_DATE' });
  });

  it('R-2.1 rejects 30 February', () => {
    expect(checkIdNumber(makeIdNumberUnchecked('41082319900230001'), { today })).toMatchObject({
      ok: false,
      code: 'BIRTH_DATE',
    });
  });

  it('R-2.1 rejects a birth date after today (Shanghai day) and accepts today itself', () => {
    const tomorrow = makeIdNumber('410823', '20261129', '011');
    const sameDay = makeIdNumber('410823', '20261128', '011');
    expect(checkIdNumber(tomorrow, { today })).toMatchObject({ ok: false, code: 'BIRTH_DATE' });
    expect(checkIdNumber(sameDay, { today })).toMatchObject({ ok: true });
    // 2026-11-27T20:00Z is already 28 November in Shanghai.
    expect(checkIdNumber(sameDay, { today: new Date('2026-11-27T20:00:00Z') })).toMatchObject({ ok: true });
    expect(checkIdNumber(sameDay, { today: new Date('2026-11-27T15:00:00Z') })).toMatchObject({
      ok: false,
      code: 'BIRTH_DATE',
    });
  });

  it('R-2.1 rejects a birth year before 1900 even with a correct check character', () => {
    // Valid in python-stdnum's vectors; this platform's rule sets 1900 as the earliest plausible birth year.
    expect(checkIdNumber('440524188001010014', { today })).toMatchObject({ ok: false, code: 'BIRTH_DATE' });
  });

  it.each(['T60426199101010078', '4108231990010100', '41082319900101001A', ''])(
    'R-2.1 reports a FORMAT problem for "%s"',
    (id) => {
      expect(checkIdNumber(id, { today })).toMatchObject({ ok: false, code: 'FORMAT' });
    },
  );

  it('R-2.1 rejects an unknown province code', () => {
    expect(checkIdNumber(makeIdNumber('990105', '19900101', '011'), { today })).toMatchObject({
      ok: false,
      code: 'AREA_CODE',
    });
    expect(checkIdNumber(makeIdNumber('160105', '19900101', '011'), { today })).toMatchObject({
      ok: false,
      code: 'AREA_CODE',
    });
  });

  it('R-2.1 recognises a legacy 15-digit number and upgrades it to 18 digits', () => {
    expect(upgradeIdNumber15('110105491231002')).toBe('11010519491231002X');
    expect(checkIdNumber('110105491231002', { today })).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      legacy15: true,
    });
    expect(checkIdNumber('110105491331002', { today })).toMatchObject({ ok: false, code: 'BIRTH_DATE' });
    expect(() => upgradeIdNumber15('11010549123100')).toThrow(RangeError);
  });

  it('R-2.1 reads the birth date of 18- and 15-digit numbers', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOf('110105491231002')).toBe('1949-12-31');
    expect(birthDateOf('360426199113010079')).toBeNull();
    expect(birthDateOf('abc')).toBeNull();
  });

  it('makeIdNumber builds valid numbers and refuses impossible dates', () => {
    const id = makeIdNumber('410823', '19800229', '123');
    expect(id.slice(0, 17)).toBe('41082319800229123');
    expect(checkIdNumber(id, { today })).toEqual({ ok: true, normalized: id, legacy15: false });
    expect(() => makeIdNumber('410823', '19810229', '123')).toThrow(RangeError);
  });
});

describe('证件号码 by 证件类型', () => {
  it.each([
    ['01', '11010519491231002x', '11010519491231002X'],
    ['02', 'e12345678', 'E12345678'],
    ['03', 'H12345678', 'H12345678'],
    ['03', 'M1234567801', 'M1234567801'],
    ['04', '12345678', '12345678'],
    ['04', '1234567890', '1234567890'],
    ['05', 'USA123456789012', 'USA123456789012'],
    ['05', '911840199001010016', '911840199001010016'],
    // 其他 (the template's "其他-…"): no common shape, one word of at most 50 characters.
    ['99', '南字第0123456号', '南字第0123456号'],
  ])('R-2.1 accepts certificate type %s number %s', (type, value, normalized) => {
    expect(checkCertNumber(type, value, { today })).toMatchObject({ ok: true, normalized });
  });

  it.each([
    ['01', '36042619910102009X', 'CHECK_CHAR'],
    ['02', 'E12', 'FORMAT'],
    ['02', 'E1234567-8', 'FORMAT'],
    ['03', 'X12345678', 'FORMAT'],
    ['03', 'H123456789', 'FORMAT'],
    ['04', '1234567', 'FORMAT'],
    ['05', 'US123456789012', 'FORMAT'],
    ['05', '811840199001010016', 'FORMAT'],
    ['99', '南字 0123456', 'FORMAT'],
    ['99', '1'.repeat(51), 'FORMAT'],
    ['06', '12345678', 'CERT_TYPE'],
  ])('R-2.1 rejects certificate type %s number %s with %s', (type, value, code) => {
    expect(checkCertNumber(type, value, { today })).toMatchObject({ ok: false, code });
  });
});

describe('联系电话', () => {
  it('R-2.1 accepts a mobile or landline number as people write it, and nothing else', () => {
    const written = ['13800138000', '138 0013 8000', '+86 138-0013-8000', '0086 13800138000', '0391-7221234'];
    for (const phone of [...written, '(0391)7221234', '0391 722 1234', '010-12345678']) {
      expect(isPhoneNumber(phone), phone).toBe(true);
    }
    const wrong = ['12800138000', '1380013800', '7221234', '0391-7221234转801', '138001380001', '电话13800138000'];
    for (const phone of [...wrong, '+1 2025550123', '']) expect(isPhoneNumber(phone), phone).toBe(false);
  });
});

describe('seed organisations', () => {
  const orgs = generateOrganisations();

  it('every generated organisation has a valid, unique USCC and a unique name', () => {
    expect(orgs).toHaveLength(300);
    for (const org of orgs) {
      expect(checkUscc(org.uscc), `${org.name} ${org.uscc}`).toEqual({ ok: true, normalized: org.uscc });
      expect(org.uscc.slice(0, 8)).toBe(org.category === '04' ? '92410823' : '91410823');
    }
    expect(new Set(orgs.map((o) => o.uscc)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
  });

  it('every generated legal representative has a valid 武陟 身份证号 born 1955–2000', () => {
    for (const { legalRep } of orgs) {
      expect(checkIdNumber(legalRep.idNumber, { today }), legalRep.idNumber).toMatchObject({ ok: true });
      expect(legalRep.idNumber.slice(0, 6)).toBe('410823');
      const year = Number(legalRep.idNumber.slice(6, 10));
      expect(year).toBeGreaterThanOrEqual(1955);
      expect(year).toBeLessThanOrEqual(2000);
      expect(legalRep.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
  });

  it('the generator is deterministic and mixes enterprises with 个体工商户', () => {
    expect(generateOrganisations()).toEqual(orgs);
    expect(orgs.filter((o) => o.category === '04').length).toBe(60);
    expect(orgs.every((o) => (o.category === '02') === o.name.endsWith('有限公司'))).toBe(true);
  });
});

/** Appends the right check character to 17 characters that may hold an impossible date. */
function makeIdNumberUnchecked(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}
