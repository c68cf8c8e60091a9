import type { GuardVerdict } from '@/lib/public/guard';
import { CaptchaField } from './CaptchaField';

type Refused = Exclude<GuardVerdict, { ok: true }>;

/**
 * What a public page shows instead of results when the guard refused the query (lib/public/guard.ts): the
 * Chinese message; for a captcha refusal, with `captchaForm`, a small form that repeats the page's query with
 * the captcha answer (a page with its own form may instead put CaptchaField into it). JSON routes answer with
 * the verdict's status through refusalResponse (lib/public/guard-response.ts).
 */
export function QueryRefusal({
  verdict,
  captchaForm,
}: {
  verdict: Refused;
  /** The page's own query (e.g. { q: '武陟' }) and where it is sent: the form resends it with `captcha`. */
  captchaForm?: { action: string; method?: 'get' | 'post'; fields: Record<string, string> };
}) {
  const limited = verdict.reason === 'RATE_LIMITED';
  return (
    <section
      role="alert"
      aria-labelledby="query-refusal-title"
      data-testid="query-refusal"
      data-reason={verdict.reason}
      className={`rounded-lg border p-4 text-sm leading-relaxed ${
        limited ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-blue-200 bg-blue-50 text-slate-900'
      }`}
    >
      <h2 id="query-refusal-title" className="font-semibold">
        {limited ? '请稍后再查询' : '请输入验证码'}
      </h2>
      <p className="mt-1">{verdict.message}</p>
      {limited ? (
        <p className="mt-1 text-slate-700">为保障平台正常服务，每个网络地址每分钟的查询次数有限，感谢您的理解。</p>
      ) : (
        captchaForm && (
          <form action={captchaForm.action} method={captchaForm.method ?? 'get'} className="mt-3 space-y-3">
            {Object.entries(captchaForm.fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <CaptchaField
              invalid={verdict.reason === 'CAPTCHA_WRONG'}
              refreshHref={
                captchaForm.method === 'post'
                  ? captchaForm.action
                  : `${captchaForm.action}?${new URLSearchParams(captchaForm.fields)}`
              }
            />
            <button
              type="submit"
              className="rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800"
            >
              继续查询
            </button>
          </form>
        )
      )}
    </section>
  );
}
