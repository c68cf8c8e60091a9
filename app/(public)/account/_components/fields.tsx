// Form pieces of the public account pages: a labelled input with its hint, and the error line read out by screen
// readers. Mobile-first: full width, large touch targets.
import type { InputHTMLAttributes, ReactNode } from 'react';

export function Field({
  label,
  hint,
  ...input
}: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement> & { name: string }) {
  const hintId = hint ? `${input.name}-hint` : undefined;
  return (
    <div>
      <label htmlFor={input.name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={input.name}
        aria-describedby={hintId}
        className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2.5 text-base text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700"
        {...input}
      />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  return (
    <p role="alert" data-testid="form-error" className="min-h-5 text-sm text-red-700">
      {message ?? ''}
    </p>
  );
}

export const primaryButton =
  'w-full rounded-md bg-blue-800 px-4 py-3 text-base font-medium text-white shadow-sm hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:cursor-not-allowed disabled:bg-blue-400';

export const secondaryButton =
  'rounded-md border border-slate-400 bg-white px-4 py-2.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:cursor-not-allowed disabled:text-slate-400';

/** The narrow card the sign-in and registration forms sit in. */
export function FormCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md px-4 py-8 sm:py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
        {intro && <div className="mt-2 text-sm leading-relaxed text-slate-600">{intro}</div>}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}
