// Restricting a subject over HTTP: the route refuses a user without the permission, a missing reason
// and an unknown subject with a clear Chinese answer and the right status, and lets credit-centre staff
// restrict and lift — never a 500.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { makeUscc } from '../../lib/identifiers/uscc';
import { signInHttp, type HttpSession } from '../support/http-session';
import { createTestUser } from '../support/users';

let staff: HttpSession;
let operator: HttpSession;
let subjectId: string;

beforeAll(async () => {
  const s = await createTestUser({ roles: ['CENTRE_STAFF'] });
  const o = await createTestUser({ roles: ['DEPT_OPERATOR'], dept: 'RSJ' });
  staff = await signInHttp(s.username, s.password);
  operator = await signInHttp(o.username, o.password);
  const body = randomBytes(4).toString('hex').toUpperCase();
  subjectId = (
    await db.subject.create({
      data: { kind: 'ORG', name: `受控测试${body}有限公司`, uscc: makeUscc('91410823', body) },
    })
  ).id;
});
afterAll(() => db.$disconnect());

const put = (session: HttpSession, id: string, json: unknown) =>
  session.fetch(`/api/subjects/${id}/restriction`, { method: 'PUT', json });

describe('PUT /api/subjects/[id]/restriction', () => {
  it('R-2.5 refuses a user without the permission with 403', async () => {
    const res = await put(operator, subjectId, { restricted: true, reason: '部门自行设为受控' });
    expect(res.status).toBe(403);
    expect((await db.subject.findUniqueOrThrow({ where: { id: subjectId } })).restricted).toBe(false);
  });

  it('answers bad input with 400 or 404 and a Chinese message, never a 500', async () => {
    const noReason = await put(staff, subjectId, { restricted: true, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('请写明原因');
    expect((await put(staff, 'not-a-uuid', { restricted: true, reason: '涉密信息暂不公开' })).status).toBe(400);
    const unknown = await put(staff, '00000000-0000-4000-8000-000000000000', {
      restricted: true,
      reason: '涉密信息暂不公开',
    });
    expect(unknown.status).toBe(404);
  });

  it('R-2.5 lets credit-centre staff restrict a subject and lift it again', async () => {
    const set = await put(staff, subjectId, { restricted: true, reason: '涉密信息暂不公开' });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ restricted: true, restrictedReason: '涉密信息暂不公开' });
    expect((await put(staff, subjectId, { restricted: true, reason: '涉密信息暂不公开' })).status).toBe(409);
    const lift = await put(staff, subjectId, { restricted: false, reason: '保密期限届满' });
    expect(lift.status).toBe(200);
    expect((await db.subject.findUniqueOrThrow({ where: { id: subjectId } })).restricted).toBe(false);
  });
});
