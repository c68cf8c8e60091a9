// The typography of an article body, shared by the public page, the staff preview and the editor, so what the
// editor shows is what the public reads. Tailwind arbitrary variants: no global stylesheet to keep in step.
export const ARTICLE_PROSE = [
  'text-base leading-8 text-slate-800',
  '[&_p]:my-3',
  '[&_h2]:mt-6 [&_h2]:mb-2 [&_h2]:text-lg [&_h2]:font-semibold [&_h2]:text-slate-900',
  '[&_h3]:mt-5 [&_h3]:mb-2 [&_h3]:text-base [&_h3]:font-semibold [&_h3]:text-slate-900',
  '[&_h4]:mt-4 [&_h4]:mb-1 [&_h4]:font-semibold',
  '[&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6',
  '[&_blockquote]:my-4 [&_blockquote]:border-l-4 [&_blockquote]:border-blue-200 [&_blockquote]:bg-blue-50/50 [&_blockquote]:px-4 [&_blockquote]:py-1 [&_blockquote]:text-slate-700',
  '[&_a]:text-blue-800 [&_a]:underline [&_a]:underline-offset-2',
  '[&_img]:my-4 [&_img]:h-auto [&_img]:max-w-full [&_img]:rounded',
  '[&_hr]:my-6 [&_hr]:border-slate-200',
].join(' ');
