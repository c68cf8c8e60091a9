// The credit report and 双公示 (issue 13, R-6.1, R-6.2): the PDF an anonymous visitor downloads holds the
// sections of the 2022 standard with only published records (an expired and a withdrawn one absent, empty
// sections saying 查询期内无相关信息), the subject, its number and check code, in an embedded Noto Sans SC subset;
// the verification answers the right pair and refuses a wrong code and a forged number alike; the 双公示 API
// filters by type, department, date and category; bad input is a Chinese message with a 4xx, never a 500.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { makeUscc } from '../../lib/identifiers/uscc';
import { SECTIONS } from '../../lib/report/sections';
import { NOT_VERIFIABLE } from '../../lib/report/verify';
import { seedReportFixture, type ReportFixture } from '../support/report-data';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const work = mkdtempSync(join(tmpdir(), 'public-report-'));
let fx: ReportFixture;
let restrictedId: string;
let pdfText: string;
let pdfBytes: Buffer;
let number: string;
let checkCode: string;

beforeAll(async () => {
  fx = await seedReportFixture();
  restrictedId = (
    await db.subject.create({
      data: {
        kind: 'ORG',
        name: `受控报告测试${fx.tag}有限公司`,
        uscc: makeUscc('91410823', `R${fx.tag}00`.slice(0, 8)),
        restricted: true,
      },
    })
  ).id;
  const res = await fetch(`${APP_URL}/api/public/subjects/${fx.subjectId}/report`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  pdfBytes = Buffer.from(await res.arrayBuffer());
  number = res.headers.get('x-report-number')!;
  const file = join(work, 'report.pdf');
  writeFileSync(file, pdfBytes);
  // Kept for a person to look at (pdftoppm) after the run.
  mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
  writeFileSync(join(process.cwd(), 'test-results', 'public-report.pdf'), pdfBytes);
  pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  checkCode = /校验码\s+([2-9A-Z]{8})/.exec(pdfText)?.[1] ?? '';
  // A figure for the report, not an assertion (speed lives in test/bench): ten sequential downloads, warm.
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await (await fetch(`${APP_URL}/api/public/subjects/${fx.subjectId}/report`)).arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.info(
    `[public-report] report PDF over HTTP: median ${times[5]!.toFixed(0)} ms, max ${times[9]!.toFixed(0)} ms, ${pdfBytes.length} bytes`,
  );
}, 60_000);
afterAll(() => db.$disconnect());

const verify = (json: unknown) =>
  fetch(`${APP_URL}/api/public/report/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', origin: APP_URL },
    body: JSON.stringify(json),
  });

async function expectChineseProblem(res: Response, statuses: number[]): Promise<string> {
  expect(statuses).toContain(res.status);
  const body = (await res.json()) as { detail?: string };
  expect(body.detail).toMatch(/[\u4e00-\u9fff]/);
  return body.detail!;
}

describe('GET /api/public/subjects/<id>/report', () => {
  it('R-6.1 the PDF holds every section of the 2022 standard, the subject, the number and the published records only', () => {
    expect(number).toMatch(/^WZ\d{16}$/);
    expect(checkCode).toHaveLength(8);
    expect(pdfText).toContain(fx.name);
    expect(pdfText).toContain(fx.uscc);
    expect(pdfText).toContain(number);
    expect(pdfText).toContain('查询时间');
    for (const s of SECTIONS) expect(pdfText).toContain(s.title);
    expect(pdfText).toContain('查询期内无相关信息');
    expect(pdfText).toContain(fx.license.number);
    expect(pdfText).toContain(fx.penalty.number);
    expect(pdfText).toContain(fx.abnormal.number);
    // 公示期满 and 撤销: not in the report.
    expect(pdfText).not.toContain(fx.expired.number);
    expect(pdfText).not.toContain(fx.withdrawn.number);
    // Header/footer on every page.
    expect(pdfText).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
  });

  it('R-6.1 the CJK font is embedded as a subset and the file stays small', () => {
    const fonts = execFileSync('pdffonts', [join(work, 'report.pdf')], { encoding: 'utf8' });
    const noto = fonts.split('\n').filter((l) => l.includes('NotoSansSC'));
    expect(noto.length).toBeGreaterThan(0);
    for (const line of noto) expect(line).toMatch(/\+NotoSansSC-\w+\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    expect(pdfBytes.length).toBeLessThan(300 * 1024);
  });

  it('R-6.1 the issued report is stored with its number, the digest of the PDF and what it said', async () => {
    const stored = await db.creditReport.findUniqueOrThrow({ where: { number } });
    expect(stored.subjectId).toBe(fx.subjectId);
    expect(stored.contentSha256).toBe(createHash('sha256').update(pdfBytes).digest('hex'));
    expect(stored.checkCodeHash).not.toContain(checkCode);
    const snapshot = stored.snapshot as { sections: { key: string; total: number }[] };
    expect(snapshot.sections.find((s) => s.key === 'ADMIN')?.total).toBe(2);
    expect(snapshot.sections.find((s) => s.key === 'ABNORMAL')?.total).toBe(1);
  });

  it('R-2.5 a restricted subject, an unknown one and a malformed id have no report, with a Chinese message', async () => {
    await expectChineseProblem(await fetch(`${APP_URL}/api/public/subjects/${restrictedId}/report`), [404]);
    await expectChineseProblem(
      await fetch(`${APP_URL}/api/public/subjects/00000000-0000-4000-8000-000000000000/report`),
      [404],
    );
    for (const bad of ['abc', "1'%20OR%201=1", '%F0%9F%98%80', 'x'.repeat(1000)])
      await expectChineseProblem(await fetch(`${APP_URL}/api/public/subjects/${bad}/report`), [400, 404]);
  });
});

describe('POST /api/public/report/verify', () => {
  it('R-6.1 the right number and check code verify, with what the report said', async () => {
    const res = await verify({ number, checkCode: checkCode.toLowerCase() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      genuine: boolean;
      number: string;
      snapshot: { subject: { name: string }; sections: { key: string; total: number }[] };
    };
    expect(body.genuine).toBe(true);
    expect(body.number).toBe(number);
    expect(body.snapshot.subject.name).toBe(fx.name);
    expect(body.snapshot.sections.find((s) => s.key === 'ADMIN')?.total).toBe(2);
  });

  it('R-6.1 a wrong check code and a forged number get the same message', async () => {
    const wrong = await expectChineseProblem(await verify({ number, checkCode: 'ZZZZZZZZ' }), [404]);
    const forgedNumber = number.slice(0, -4) + String((Number(number.slice(-4)) + 5000) % 10000).padStart(4, '0');
    const forged = await expectChineseProblem(await verify({ number: forgedNumber, checkCode }), [404]);
    const garbage = await expectChineseProblem(await verify({ number: 'NOT-A-NUMBER', checkCode }), [404]);
    const emoji = await expectChineseProblem(await verify({ number: '😀😀', checkCode: '😀' }), [404]);
    expect(new Set([wrong, forged, garbage, emoji])).toEqual(new Set([NOT_VERIFIABLE]));
  });

  it('answers bad input with a Chinese message and a 4xx, never a 500', async () => {
    await expectChineseProblem(await verify({ number: 'W'.repeat(1000), checkCode: 'X'.repeat(1000) }), [400]);
    await expectChineseProblem(await verify({ number: '', checkCode: '' }), [400]);
    await expectChineseProblem(await verify({}), [400]);
    await expectChineseProblem(await verify(['x']), [400]);
    await expectChineseProblem(await verify({ number: 12, checkCode: null }), [400]);
    const notJson = await fetch(`${APP_URL}/api/public/report/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', origin: APP_URL },
      body: 'number=1',
    });
    await expectChineseProblem(notJson, [415]);
  });
});

describe('GET /api/public/publicity', () => {
  type Page = {
    items: { id: string; href: string | null; title: string; category: string; date: string }[];
    next: string | null;
  };
  const list = async (qs: string): Promise<Page> => {
    const res = await fetch(`${APP_URL}/api/public/publicity?${qs}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  };

  it('R-6.2 lists published penalties of a department, a day and a category, each linking to its public detail', async () => {
    const page = await list(`type=penalty&dept=${fx.deptCode}&from=${fx.penaltyDay}&to=${fx.penaltyDay}&category=03`);
    const mine = page.items.find((i) => i.id === fx.penalty.id);
    expect(mine).toMatchObject({
      href: `/org/${fx.subjectId}/records/${fx.penalty.id}`,
      title: fx.penalty.number,
      category: '罚款',
      date: fx.penaltyDay,
    });
    expect(page.items.every((i) => i.date === fx.penaltyDay && i.category === '罚款')).toBe(true);
    // Another category, another department, a range before it: not there.
    expect(
      (await list(`type=penalty&from=${fx.penaltyDay}&to=${fx.penaltyDay}&category=01`)).items.map((i) => i.id),
    ).not.toContain(fx.penalty.id);
    expect(
      (await list(`type=penalty&dept=FY&from=${fx.penaltyDay}&to=${fx.penaltyDay}`)).items.map((i) => i.id),
    ).not.toContain(fx.penalty.id);
    expect((await list('type=penalty&from=2020-01-01&to=2020-12-31')).items.map((i) => i.id)).not.toContain(
      fx.penalty.id,
    );
  });

  it('R-6.2 never lists an expired or withdrawn record; licences are their own list; pages follow the cursor', async () => {
    const expired = await list('type=penalty&from=2025-01-10&to=2025-01-10');
    expect(expired.items.map((i) => i.id)).not.toContain(fx.expired.id);
    const withdrawn = await list('type=penalty&from=2026-09-01&to=2026-09-01');
    expect(withdrawn.items.map((i) => i.id)).not.toContain(fx.withdrawn.id);
    const licences = await list(`type=license&dept=${fx.deptCode}&from=2026-07-01&to=2026-07-01`);
    expect(licences.items.find((i) => i.id === fx.license.id)?.title).toBe(fx.license.number);

    const first = await list('type=penalty');
    expect(first.items.length).toBeGreaterThan(0);
    if (first.next) {
      const second = await list(`type=penalty&after=${first.next}`);
      const seen = new Set(first.items.map((i) => i.id));
      expect(second.items.some((i) => seen.has(i.id))).toBe(false);
    }
  });

  it('answers malformed filters with 400 and a Chinese message, never a 500', async () => {
    for (const qs of [
      'after=garbage',
      `after=${Buffer.from('["x","y"]').toString('base64url')}`,
      'from=2026-13-45',
      'from=2026-12-01&to=2026-01-01',
      'type=other',
      'category=%F0%9F%98%80',
      `dept=${'x'.repeat(1000)}`,
      "dept=1'%20OR%201=1",
    ])
      await expectChineseProblem(await fetch(`${APP_URL}/api/public/publicity?${qs}`), [400]);
  });
});
