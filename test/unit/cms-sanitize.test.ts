// Article HTML sanitization: hostile input loses everything that could run or leak, and keeps the text
// and the formatting the editor produces.
import { describe, expect, it } from 'vitest';
import { imageIdsOf, renderArticleHtml, sanitizeArticleHtml } from '../../lib/cms/sanitize';

const ID = '0b6f1c2e-1111-4222-8333-444455556666';
const OWN = `/api/public/media/${ID}/w960`;

describe('sanitizeArticleHtml', () => {
  it('R-6.3 keeps the formatting the editor makes', () => {
    const html = `<h2>标题</h2><p><strong>粗</strong><em>斜</em></p><ul><li>一</li></ul><ol><li>二</li></ol><blockquote><p>引</p></blockquote><p><img src="${OWN}" alt="会议现场" /></p>`;
    expect(sanitizeArticleHtml(html)).toBe(html);
  });

  it('R-6.3 removes scripts, event handlers, styles, iframes, svg and their content', () => {
    const out = sanitizeArticleHtml(
      `<p onclick="alert(1)" style="color:red">正文</p><script>alert('x')</script><style>p{}</style>` +
        `<iframe src="https://evil.example/"></iframe><svg onload="alert(1)"><script>alert(2)</script></svg>` +
        `<object data="x.swf"></object><math><mi>x</mi></math><form><input name="a"></form>`,
    );
    expect(out).toBe('<p>正文</p>');
  });

  it('R-6.3 drops images that are not ours and event handlers on ours', () => {
    const out = sanitizeArticleHtml(
      `<img src="https://evil.example/a.png" alt="外链"><img src="x" onerror="alert(1)">` +
        `<img src="data:image/png;base64,AAAA"><img src="javascript:alert(1)">` +
        `<img src="//evil.example/api/public/media/${ID}/w960"><img src="/api/public/media/${ID}/../../x">` +
        `<img src="${OWN}" onerror="alert(1)" alt="好">`,
    );
    expect(out).toBe(`<img src="${OWN}" alt="好" />`);
  });

  it('R-6.3 keeps only http(s) and mailto links, each with rel="noopener noreferrer"', () => {
    const out = sanitizeArticleHtml(
      `<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href="data:text/html,x">c</a>` +
        `<a href="vbscript:x">d</a><a href="https://www.creditchina.gov.cn/" target="_blank" rel="opener">e</a>` +
        `<a href="mailto:xyzx@example.cn">f</a>`,
    );
    expect(out).not.toMatch(/javascript|vbscript|data:|target|opener"/i);
    expect(out).toContain('<a href="https://www.creditchina.gov.cn/" rel="noopener noreferrer">e</a>');
    expect(out).toContain('<a href="mailto:xyzx@example.cn" rel="noopener noreferrer">f</a>');
  });

  it('R-6.3 survives broken markup and encoded tricks', () => {
    const out = sanitizeArticleHtml(
      `<p>a<b>b<img src=x onerror=alert(1)//</p><a href="&#106;avascript:alert(1)">x</a>`,
    );
    expect(out).not.toMatch(/onerror|javascript|<script/i);
  });

  it('finds our image ids and renders them with srcset and intrinsic size', () => {
    const stored = sanitizeArticleHtml(`<p><img src="${OWN}" alt="现场"></p>`);
    expect(imageIdsOf(stored)).toEqual([ID]);
    const shown = renderArticleHtml(stored, new Map([[ID, { width: 2000, height: 1000 }]]));
    expect(shown).toContain(
      `srcset="/api/public/media/${ID}/w480 480w, /api/public/media/${ID}/w960 960w, /api/public/media/${ID}/w1600 1600w"`,
    );
    expect(shown).toContain('width="2000"');
    expect(shown).toContain('height="1000"');
    expect(shown).toContain('alt="现场"');
    // An image whose row is missing is not shown at all.
    expect(renderArticleHtml(stored, new Map())).toBe('<p></p>');
  });
});
