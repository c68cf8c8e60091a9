import Link from 'next/link';

/** A query the server refused (a period too long, a filter out of scope): its message and a way to start over. */
export function QueryRefused({
  message,
  href,
  again,
  testId,
}: {
  message: string;
  href: string;
  again: string;
  testId?: string;
}) {
  return (
    <p role="alert" data-testid={testId} className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      {message}。
      <Link href={href} className="text-blue-700 underline">
        {again}
      </Link>
    </p>
  );
}
