// The CMS through the running app: drafts, scheduled and unpublished articles are invisible to the
// public; a scheduled article becomes visible when its time passes with no job running; HTML is sanitized
// before it is stored; images become WebP variants of the expected widths; a disguised file is refused in
// Chinese; only holders of content:manage may write; every change is audited.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { signInHttp, type HttpSession } from '../support/http-session';
import { createTestUser } from '../support/users';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
let staff: HttpSession;
let operator: HttpSession;
let staffId: string;

beforeAll(async () => {
  const s = await createTestUser({ roles: ['CENTRE_STAFF'] });
  const o = await createTestUser({ roles: ['DEPT_OPERATOR'], dept: 'RSJ' });
  staffId = s.id;
  staff = await signInHttp(s.username, s.password);
  operator = await signInHttp(o.username, o.password);
});
afterAll(() => db.$disconnect());

const article = (title: string, extra: Record<string, unknown> = {}) => ({
  categoryCode: 'notice',
  title,
  summary: '测试摘要',
  bodyHtml: '<p>正文内容</p>',
  ...extra,
});

async function create(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await staff.fetch('/api/admin/content', { method: 'POST', json: article(title, extra) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const publicPage = (id: string) => fetch(`${APP_URL}/news/${id}`);
const inList = async (title: string) => (await (await fetch(`${APP_URL}/news?category=notice`)).text()).includes(title);
const status = (id: string, json: unknown) => staff.fetch(`/api/admin/content/${id}/status`, { method: 'POST', json });

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366aa' } })
    .withExif({ IFD0: { Artist: 'secret-camera-owner' } })
    .png()
    .toBuffer();
}

describe('CMS (R-6.3)', () => {
  it('R-6.3 a draft is invisible to the public; publishing shows it; unpublishing hides it again', async () => {
    const title = `草稿测试${Date.now()}`;
    const id = await create(title);
    expect((await publicPage(id)).status).toBe(404);
    expect(await inList(title)).toBe(false);

    expect((await status(id, { action: 'publish' })).status).toBe(200);
    const page = await publicPage(id);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(title);
    expect(await inList(title)).toBe(true);
    expect((await status(id, { action: 'publish' })).status).toBe(409);

    expect((await status(id, { action: 'unpublish' })).status).toBe(200);
    expect((await publicPage(id)).status).toBe(404);
    expect(await inList(title)).toBe(false);
    const again = await status(id, { action: 'unpublish' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { title: string }).title).toBe('文章尚未发布，无需下线');
  });

  it('R-6.3 a scheduled article is hidden until its time, then public with no job running', async () => {
    const title = `定时测试${Date.now()}`;
    const id = await create(title);
    const past = await status(id, { action: 'schedule', publishAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(((await past.json()) as { title: string }).title).toContain('须晚于现在');

    expect(
      (await status(id, { action: 'schedule', publishAt: new Date(Date.now() + 3_600_000).toISOString() })).status,
    ).toBe(200);
    expect((await publicPage(id)).status).toBe(404);
    expect(await inList(title)).toBe(false);
    // The time passes: moved into the past directly, as the clock would.
    await db.article.update({ where: { id }, data: { publishAt: new Date(Date.now() - 1000) } });
    expect((await publicPage(id)).status).toBe(200);
    expect(await inList(title)).toBe(true);
    expect((await db.article.findUniqueOrThrow({ where: { id } })).status).toBe('SCHEDULED');
  });

  it('R-6.3 stores only the sanitized HTML', async () => {
    const id = await create(`清洗测试${Date.now()}`, {
      bodyHtml:
        '<p onclick="x()">好<script>alert(1)</script></p><img src="https://evil.example/x.png" onerror="alert(1)">' +
        '<iframe src="https://evil.example"></iframe><a href="javascript:alert(1)">坏链接</a><a href="https://www.creditchina.gov.cn/">信用中国</a>' +
        '<svg><circle r="5"/></svg><p style="color:red">样式</p>',
    });
    const stored = (await db.article.findUniqueOrThrow({ where: { id } })).bodyHtml;
    expect(stored).not.toMatch(/script|onerror|onclick|iframe|javascript|svg|style|evil/i);
    expect(stored).toContain('<a href="https://www.creditchina.gov.cn/" rel="noopener noreferrer">信用中国</a>');
    expect(stored).toContain('<p>样式</p>');
    // An empty body after cleaning is refused.
    const empty = await staff.fetch('/api/admin/content', {
      method: 'POST',
      json: article('空', { bodyHtml: '<script>x</script>' }),
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { title: string }).title).toBe('请填写正文');
  });

  it('R-6.3 turns an uploaded image into WebP variants of the expected widths, without its metadata', async () => {
    const res = await staff.fetch('/api/admin/content/media', {
      method: 'POST',
      body: new Uint8Array(await png(2000, 1200)),
    });
    expect(res.status).toBe(201);
    const image = (await res.json()) as { id: string; width: number; height: number; src: string };
    expect(image).toMatchObject({ width: 2000, height: 1200 });
    for (const [variant, width, height] of [
      ['w480', 480, 288],
      ['w960', 960, 576],
      ['w1600', 1600, 960],
      ['thumb', 240, 160],
    ] as const) {
      const r = await fetch(`${APP_URL}/api/public/media/${image.id}/${variant}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('image/webp');
      expect(r.headers.get('cache-control')).toContain('immutable');
      const meta = await sharp(Buffer.from(await r.arrayBuffer())).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif }).toEqual({
        format: 'webp',
        width,
        height,
        exif: undefined,
      });
    }
    expect((await fetch(`${APP_URL}/api/public/media/${image.id}/w9999`)).status).toBe(404);
    expect((await fetch(`${APP_URL}/api/public/media/not-an-id/w480`)).status).toBe(404);

    // Used in a published article, the page carries srcset with width and height.
    const id = await create(`图片测试${Date.now()}`, {
      bodyHtml: `<p><img src="${image.src}" alt="测试图片"></p>`,
      coverImageId: image.id,
    });
    await status(id, { action: 'publish' });
    const html = await (await publicPage(id)).text();
    expect(html).toContain(`/api/public/media/${image.id}/w1600 1600w`);
    expect(html).toContain('width="2000"');
    expect(html).toContain('alt="测试图片"');
  });

  it('R-6.3 refuses a file that is not an image even when named .png, in Chinese', async () => {
    const res = await staff.fetch('/api/admin/content/media', {
      method: 'POST',
      headers: { 'Content-Type': 'image/png', 'X-File-Name': 'photo.png' },
      body: '<?php system($_GET["c"]); ?>\n',
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { title: string }).title).toContain('不是有效的图片');
    const svg = await staff.fetch('/api/admin/content/media', {
      method: 'POST',
      body: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
    });
    expect(svg.status).toBe(415);
  });

  it('R-6.3 a user without content:manage gets 403 on every CMS route', async () => {
    const id = (await db.article.findFirstOrThrow()).id;
    const calls: [string, RequestInit & { json?: unknown }][] = [
      ['/api/admin/content', {}],
      ['/api/admin/content', { method: 'POST', json: article('无权') }],
      [`/api/admin/content/${id}`, { method: 'PUT', json: article('无权') }],
      [`/api/admin/content/${id}/status`, { method: 'POST', json: { action: 'unpublish' } }],
      ['/api/admin/content/media', { method: 'POST', body: 'x' }],
      ['/api/admin/content/categories', { method: 'POST', json: { code: 'nope', name: '无权栏目' } }],
    ];
    for (const [path, init] of calls) expect((await operator.fetch(path, init)).status, path).toBe(403);
    expect((await fetch(`${APP_URL}/api/admin/content`)).status).toBe(401);
  });

  it('R-6.3 audits every change and keeps a revision history', async () => {
    const title = `审计测试${Date.now()}`;
    const id = await create(title);
    const put = await staff.fetch(`/api/admin/content/${id}`, { method: 'PUT', json: article(`${title}改`) });
    expect(put.status).toBe(200);
    await status(id, { action: 'publish' });
    await status(id, { action: 'unpublish' });
    const audits = await db.auditLog.findMany({ where: { objectId: id, module: 'cms' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.action, a.userId])).toEqual([
      ['article.create', staffId],
      ['article.update', staffId],
      ['article.publish', staffId],
      ['article.unpublish', staffId],
    ]);
    const revisions = await db.articleRevision.findMany({ where: { articleId: id }, orderBy: { at: 'asc' } });
    expect(revisions.map((r) => r.action)).toEqual(['create', 'edit', 'publish', 'unpublish']);
    expect(revisions[1]!.changes).toEqual({ title: { from: title, to: `${title}改` } });

    const cat = await staff.fetch('/api/admin/content/categories', {
      method: 'POST',
      json: { code: `t${Date.now()}`, name: `办事指南${Date.now() % 1000}` },
    });
    expect(cat.status).toBe(201);
    const dup = await staff.fetch('/api/admin/content/categories', {
      method: 'POST',
      json: { code: 'news', name: '新闻动态' },
    });
    expect(dup.status).toBe(409);
  });

  it('R-6.3 answers bad input with a Chinese message, never a 500', async () => {
    expect((await staff.fetch('/api/admin/content/not-a-uuid', { method: 'PUT', json: article('x') })).status).toBe(
      400,
    );
    expect(
      (
        await staff.fetch('/api/admin/content/00000000-0000-4000-8000-000000000000/status', {
          method: 'POST',
          json: { action: 'publish' },
        })
      ).status,
    ).toBe(404);
    expect((await staff.fetch('/api/admin/content', { method: 'POST', json: article('', {}) })).status).toBe(400);
    expect(
      (await staff.fetch('/api/admin/content', { method: 'POST', json: article('x', { categoryCode: 'nope' }) }))
        .status,
    ).toBe(400);
    expect((await staff.fetch('/api/admin/content?page=-1')).status).toBe(400);
    expect((await publicPage('not-a-uuid')).status).toBe(404);
    expect((await fetch(`${APP_URL}/news?page=1000000000`)).status).toBe(200);
  });
});
