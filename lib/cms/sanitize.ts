// Article HTML is sanitized with an allow-list (sanitize-html) before it is stored, and again when it is shown
// (defence in depth: a row written by hand is still safe). Only our own image URLs pass as img src; links keep
// http(s) and mailto only and always get rel="noopener noreferrer". Styles, scripts, event handlers, iframes
// and SVG never pass.
import sanitizeHtml from 'sanitize-html';
import { mediaIdOf } from './media-url';

const BASE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'img',
    'hr',
    'code',
    'pre',
  ],
  allowedAttributes: { a: ['href', 'rel', 'title'], img: ['src', 'alt', 'width', 'height'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text of dropped script/style/etc. is dropped with them, not shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'svg', 'math', 'template', 'object'],
  transformTags: {
    // An h1 is the page's title: headings in the body start at h2.
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer' },
    }),
    img: (tagName, attribs) => {
      const src = attribs.src;
      const ok = mediaIdOf(src) !== null;
      const kept: Record<string, string> = ok && src ? { src, alt: attribs.alt ?? '' } : {};
      return { tagName, attribs: kept };
    },
  },
  // An img whose src was not ours has no src left: drop it whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, BASE).trim();
}

/** The text of an article body (for checking that it is not empty). */
export function textOf(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}

/** The ids of our images a (sanitized) body shows, in order. */
export function imageIdsOf(html: string): string[] {
  const ids: string[] = [];
  sanitizeHtml(html, {
    allowedTags: ['img'],
    allowedAttributes: { img: ['src'] },
    exclusiveFilter: (frame) => {
      const id = frame.tag === 'img' ? mediaIdOf(frame.attribs.src) : null;
      if (id && !ids.includes(id)) ids.push(id);
      return false;
    },
  });
  return ids;
}

/** The body as shown: sanitized again, each image with srcset, sizes and its intrinsic size (no layout shift). */
export function renderArticleHtml(html: string, sizes: Map<string, { width: number; height: number }>): string {
  return sanitizeHtml(html, {
    ...BASE,
    allowedAttributes: {
      ...BASE.allowedAttributes,
      img: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'loading', 'decoding'],
    },
    transformTags: {
      ...BASE.transformTags,
      img: (tagName, attribs) => {
        const id = mediaIdOf(attribs.src);
        const size = id ? sizes.get(id) : undefined;
        if (!id || !size) return { tagName, attribs: {} };
        return { tagName, attribs: { ...imageAttributes(id, size), alt: attribs.alt ?? '' } };
      },
    },
  });
}

/** srcset over the widths that exist for an image of this size (variants never enlarge). */
export function imageAttributes(id: string, size: { width: number; height: number }): Record<string, string> {
  const widths = [480, 960, 1600].map((w) => ({ w, name: `w${w}`, actual: Math.min(w, size.width) }));
  const distinct = widths.filter((x, i) => i === 0 || x.actual > (widths[i - 1]?.actual ?? 0));
  return {
    src: `/api/public/media/${id}/w960`,
    srcset: distinct.map((x) => `/api/public/media/${id}/${x.name} ${x.actual}w`).join(', '),
    sizes: '(max-width: 768px) 100vw, 720px',
    width: String(size.width),
    height: String(size.height),
    loading: 'lazy',
    decoding: 'async',
  };
}
