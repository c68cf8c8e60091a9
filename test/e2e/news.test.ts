// 信用动态 in a real browser: a credit-centre staff member writes an article with an image in the
// editor and publishes it; the public reads it in the list and on its page, the image served as a resized WebP.
// Screenshots of the list and the article (desktop and phone) and the editor; axe-core finds no serious or
// critical violation on the public pages.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { APP_URL, launchBrowser, signIn } from '../support/browser';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const TITLE = `县信用中心开展诚信宣传进社区活动${Date.now() % 100000}`;
let browser: Browser;
let articleId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  return (await browser.newContext({ locale: 'zh-CN', viewport })).newPage();
}

async function axe(page: Page): Promise<{ id: string; impact: string; nodes: number }[]> {
  await page.addScriptTag({ content: readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8') });
  const found = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
    };
    return (await w.axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('信用动态 (R-6.3)', () => {
  it('R-6.3 staff write an article with an image in the editor and publish it', async () => {
    const page = await newPage(DESKTOP);
    await signIn(page, 'xyzx01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.getByTestId('nav-content').click();
    await page.waitForURL('**/admin/content');
    await page.getByTestId('content-new').click();
    await page.waitForURL('**/admin/content/new');

    await page.getByTestId('article-category').selectOption('news');
    await page.getByTestId('article-title').fill(TITLE);
    await page.getByTestId('article-summary').fill('县信用中心走进社区，向居民讲解信用知识和信用修复办理流程。');
    const body = page.getByTestId('article-body');
    await body.click();
    await page.keyboard.type('12月1日，县信用中心在木城街道开展诚信宣传进社区活动。');
    await page.keyboard.press('Enter');
    // Without alt text the image is refused before upload.
    const photo = await sharp({ create: { width: 2400, height: 1350, channels: 3, background: '#2f5d9b' } })
      .jpeg()
      .toBuffer();
    const file = { name: 'huodong.jpg', mimeType: 'image/jpeg', buffer: photo };
    await page.getByTestId('editor-image-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('editor-message').textContent()).toContain('请先填写图片说明');
    await page.getByTestId('editor-image-alt').fill('工作人员向社区居民讲解信用知识');
    await page.getByTestId('editor-image-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('editor-message').textContent(), { timeout: 30_000 }).toBe('图片已插入');
    await body.locator('img').waitFor();
    await page.keyboard.type('活动现场发放宣传资料三百余份。');
    await page.screenshot({ path: join(SHOTS, 'cms-editor-desktop.png'), fullPage: true });

    await page.getByTestId('article-save').click();
    await page.waitForURL(/\/admin\/content\/[0-9a-f-]{36}$/);
    articleId = page.url().split('/').pop()!;
    await page.getByTestId('article-publish').click();
    await expect.poll(() => page.getByTestId('article-status').textContent()).toBe('已发布');
    const stored = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(stored.bodyHtml).toMatch(
      /<img src="\/api\/public\/media\/[0-9a-f-]{36}\/w960" alt="工作人员向社区居民讲解信用知识"/,
    );
    await page.context().close();
  }, 120_000);

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`R-6.3 the public reads the article in the list and on its page, the image resized (${name})`, async () => {
      const page = await newPage(viewport);
      await page.goto(`${APP_URL}/news`);
      await page.getByRole('link', { name: TITLE }).waitFor();
      expect(await page.getByTestId('news-tab').count()).toBeGreaterThanOrEqual(5);
      await page.screenshot({ path: join(SHOTS, `news-list-${name}.png`), fullPage: true });
      expect(await axe(page)).toEqual([]);

      await page.getByRole('link', { name: TITLE }).click();
      await page.waitForURL(`**/news/${articleId}`);
      await expect.poll(() => page.getByTestId('article-title').textContent()).toBe(TITLE);
      const img = page.getByTestId('article-body').locator('img');
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeTruthy();
      const shown = await img.evaluate((i: HTMLImageElement) => ({
        src: i.currentSrc,
        naturalWidth: i.naturalWidth,
        width: i.getAttribute('width'),
        height: i.getAttribute('height'),
        alt: i.alt,
      }));
      expect(shown).toMatchObject({ width: '2400', height: '1350', alt: '工作人员向社区居民讲解信用知识' });
      // The browser picked one of the resized variants from srcset, never the 2400-pixel original (naturalWidth
      // is density-corrected to the layout width, so the file itself is measured).
      const picked = /\/(w480|w960|w1600)$/.exec(shown.src)?.[1];
      expect(picked).toBeDefined();
      const variant = await page.request.get(shown.src);
      expect(variant.headers()['content-type']).toBe('image/webp');
      const meta = await sharp(await variant.body()).metadata();
      expect({ format: meta.format, width: meta.width }).toEqual({ format: 'webp', width: Number(picked!.slice(1)) });
      await page.screenshot({ path: join(SHOTS, `news-article-${name}.png`), fullPage: true });
      expect(await axe(page)).toEqual([]);
      await page.context().close();
    }, 120_000);
  }

  it('R-6.3 an unpublished article is gone for the public', async () => {
    const page = await newPage(DESKTOP);
    await signIn(page, 'xyzx01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.goto(`${APP_URL}/admin/content/${articleId}`);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('article-unpublish').click();
    await expect.poll(() => page.getByTestId('article-status').textContent()).toBe('已下线');
    const res = await page.request.get(`${APP_URL}/news/${articleId}`);
    expect(res.status()).toBe(404);
    await page.context().close();
  }, 120_000);
});
