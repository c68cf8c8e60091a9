// The import's write path without a database: what a row becomes before it is stored, and the
// COPY text that carries it to PostgreSQL unchanged whatever characters it holds.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminPenaltyCatalog } from '../../prisma/seed-data/catalogs';
import { penaltyRows } from '../support/penalty-data';
import { defFromSeed } from '../support/seed-def';

let prep: typeof import('../../lib/import/prepare-row');
let sql: typeof import('../../lib/import/sql');
let pii: typeof import('../../lib/crypto/pii');
beforeAll(async () => {
  process.env.PII_ENC_KEY ??= randomBytes(32).toString('base64');
  process.env.PII_HMAC_KEY ??= randomBytes(32).toString('base64');
  process.env.DATABASE_URL ??= 'postgresql://unused/unused';
  prep = await import('../../lib/import/prepare-row');
  sql = await import('../../lib/import/sql');
  pii = await import('../../lib/crypto/pii');
});

const def = defFromSeed(adminPenaltyCatalog);
const today = new Date('2026-11-28T00:00:00Z');

describe('preparing an import row', () => {
  it('R-2.1 R-8.1 keeps personal fields out of the clear data and seals them', () => {
    const [row] = penaltyRows(1, { prefix: 'U' });
    const p = prep.prepareImportRow(def, 2, row!.values, today);
    if (!p.ok) throw new Error('expected a valid row');
    expect(p.key).toMatch(/^[0-9a-f]{64}$/); // a keyed hash, never the values themselves
    expect(p.data).not.toContain(row!.values.legalRepIdNumber);
    expect(pii.unsealJson<Record<string, string>>(p.sealed!).legalRepIdNumber).toBe(row!.values.legalRepIdNumber);
    expect(p.decisionDate).toBe('2026-10-15');
    expect(p.subject).toMatchObject({ kind: 'ORG', key: row!.values.uscc, name: row!.values.subjectName });
  });

  it('R-2.1 gives the same fingerprint to the same values and another to changed values', () => {
    const [row] = penaltyRows(1, { prefix: 'U' });
    const a = prep.prepareImportRow(def, 2, row!.values, today);
    const b = prep.prepareImportRow(def, 3, { ...row!.values }, today);
    const c = prep.prepareImportRow(def, 4, { ...row!.values, fineAmount: '0.3' }, today);
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid rows');
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(c.key).toBe(a.key);
  });

  it('R-2.1 R-8.1 turns a faulty row into a suspect with its reasons and the row as read, sealed', () => {
    const rows = penaltyRows(10, { faultEvery: 10, prefix: 'U' });
    const p = prep.prepareImportRow(def, 11, rows[9]!.values, today);
    if (p.ok) throw new Error('expected a suspect row');
    expect(p.problems.map((x) => x.code)).toContain('CHECK_CHAR');
    expect(p.rowSealed).not.toContain(rows[9]!.values.legalRepIdNumber);
    expect(pii.unsealJson(p.rowSealed)).toEqual(rows[9]!.values);
  });
});

describe('COPY text', () => {
  it('escapes the separators and marks nulls, so a value arrives exactly as it was read', () => {
    const line = sql.copyLine(['a\tb', 'line1\nline2\r', 'C:\\路径', null, 7, '{"x":"\\"q\\""}']);
    expect(line).toBe('a\\tb\tline1\\nline2\\r\tC:\\\\路径\t\\N\t7\t{"x":"\\\\"q\\\\""}\n');
    expect(line.split('\t')).toHaveLength(6);
  });
});
