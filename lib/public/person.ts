// Person query of the public site: a name and a 身份证号 together, never a name alone, so nobody can list
// the people the county holds. The person is found by the keyed hash of the number (lib/crypto/pii.ts) and the
// name must match as well; the answer is the same "nothing public" whether the person is unknown, the name does
// not match, or the person has no public record, so the query reveals nothing about who is on file.
import { z } from 'zod';
import { blindIndex } from '@/lib/crypto/pii';
import { ValidationError } from '@/lib/errors';
import { checkIdNumber } from '@/lib/identifiers/id-number';
import { publicSubjectName, publicValues } from '@/lib/publication/public-values';
import { publicationDay, publicCatalogIds, publicRecordWhere } from '@/lib/publication/rule';
import { loadCatalogDef } from '@/lib/catalog/load';
import { recordValues } from '@/lib/records/values';
import { publicDb } from './read-db';

const PERSON_LIMIT = 50;

export const personQuerySchema = z.object({
  name: z.string({ message: '请输入姓名' }).max(200, { message: '姓名过长，请核对后重新输入' }),
  idNumber: z.string({ message: '请输入身份证号' }).max(200, { message: '身份证号格式不正确，请核对后重新输入' }),
});

export interface PersonRecord {
  id: string;
  catalogName: string;
  date: string;
  fields: { key: string; label: string; value: string }[];
}
export interface PersonResult {
  /** The name as the page shows it (masked). */
  maskedName: string;
  items: PersonRecord[];
}

/** Checks both fields and returns the normalised 身份证号 (used only to compute its hash). */
export function validatePersonQuery(input: { name: string; idNumber: string }): { name: string; idNumber: string } {
  const name = input.name.normalize('NFKC').replace(/\s+/g, '');
  const id = input.idNumber.normalize('NFKC').replace(/\s+/g, '');
  if (!name && !id) throw new ValidationError('请同时输入姓名和身份证号');
  if (!name) throw new ValidationError('请输入姓名：按姓名和身份证号一并查询');
  if (!id) throw new ValidationError('请输入身份证号：按姓名和身份证号一并查询');
  if ([...name].length > 30 || !/^[\p{Script=Han}·•a-zA-Z]+$/u.test(name)) {
    throw new ValidationError('姓名格式不正确，请输入身份证上的姓名');
  }
  const check = checkIdNumber(id);
  if (!check.ok) throw new ValidationError(`身份证号有误：${check.message}`);
  return { name, idNumber: check.normalized };
}

export async function queryPerson(input: { name: string; idNumber: string }): Promise<PersonResult> {
  const { name, idNumber } = validatePersonQuery(input);
  const answer: PersonResult = { maskedName: publicSubjectName({ kind: 'PERSON', name }), items: [] };
  const person = await publicDb.subject.findUnique({
    where: { idNumberHash: blindIndex(idNumber) },
    select: { id: true, kind: true, name: true },
  });
  if (!person || person.kind !== 'PERSON' || person.name.normalize('NFKC').replace(/\s+/g, '') !== name) return answer;
  const rows = await publicDb.creditRecord.findMany({
    where: { subjectId: person.id, ...publicRecordWhere(publicationDay(), await publicCatalogIds(publicDb)) },
    orderBy: [{ publicityStart: 'desc' }, { id: 'desc' }],
    take: PERSON_LIMIT,
    select: { id: true, data: true, catalogVersionId: true, publicityStart: true },
  });
  const versionIds = [...new Set(rows.map((r) => r.catalogVersionId))];
  const defs = new Map(
    (await Promise.all(versionIds.map((v) => loadCatalogDef(publicDb, v)))).map((d) => [d.versionId, d]),
  );
  answer.items = rows.map((r) => {
    const def = defs.get(r.catalogVersionId)!;
    // No sealed column on the public path (wuzhi_public_reader may not read it; shown values are masked anyway).
    const values = publicValues(def.fields, recordValues({ data: r.data, sealed: null }), 'PERSON');
    return {
      id: r.id,
      catalogName: def.name,
      date: values.decisionDate ?? r.publicityStart?.toISOString().slice(0, 10) ?? '',
      fields: def.fields
        .filter((f) => values[f.key])
        .map((f) => ({
          key: f.key,
          label: f.label,
          value:
            (f.codeTable && def.codeTables[f.codeTable]?.items.find((i) => i.code === values[f.key])?.label) ||
            values[f.key]!,
        })),
    };
  });
  return answer;
}
