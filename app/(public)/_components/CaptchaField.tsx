import { randomUUID } from 'node:crypto';

/**
 * The captcha of a public form (lib/public/captcha.ts): the image, a link to another image, and a labelled
 * input named `captcha`. No JavaScript needed: the image request sets the httpOnly cookie the answer is checked
 * against, and "换一张" reloads the page (`refreshHref`), which fetches a new image.
 */
export function CaptchaField({
  name = 'captcha',
  invalid = false,
  refreshHref,
}: {
  name?: string;
  /** The last answer was wrong or the captcha expired. */
  invalid?: boolean;
  /** The page as it is now (its path and query): reloading it shows a new image. */
  refreshHref: string;
}) {
  // A fresh URL per render, so neither the browser nor a cache shows an image whose answer is already used.
  const src = `/api/public/captcha?n=${randomUUID()}`;
  const id = `captcha-${name}`;
  return (
    <div className="space-y-2" data-testid="captcha-field">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        验证码
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <img
          src={src}
          alt="验证码图片，请输入图中的字符"
          width={150}
          height={50}
          className="rounded border border-slate-300 bg-slate-50"
        />
        <a href={refreshHref} className="text-sm text-blue-800 underline">
          看不清？换一张
        </a>
      </div>
      <input
        id={id}
        name={name}
        required
        autoComplete="off"
        inputMode="text"
        maxLength={8}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        className="block w-40 rounded-md border border-slate-400 px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-blue-800"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {invalid
          ? '验证码不正确或已失效，请输入新图片中的字符（不区分大小写）。'
          : '请输入图中的 4 个字符，不区分大小写。'}
      </p>
    </div>
  );
}
