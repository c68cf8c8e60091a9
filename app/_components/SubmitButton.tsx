'use client';

import { useFormStatus } from 'react-dom';
import type { ReactNode } from 'react';

/** A form's submit button that disables itself while the server action runs (no double submit). */
export function SubmitButton({
  children,
  pendingText,
  className = '',
  testId,
}: {
  children: ReactNode;
  pendingText: string;
  className?: string;
  testId?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      data-testid={testId}
      className={`rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:bg-blue-400 ${className}`}
    >
      {pending ? pendingText : children}
    </button>
  );
}
