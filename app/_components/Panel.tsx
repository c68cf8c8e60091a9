// A white card section of a staff screen, optionally headed by its title (h2). `titleId` lets the section
// be labelled by its heading.
import type { ReactNode } from 'react';

export function Panel({
  title,
  titleId,
  titleClassName = 'font-medium text-slate-900',
  padding = 'p-4',
  testId,
  label,
  children,
}: {
  title?: ReactNode;
  titleId?: string;
  titleClassName?: string;
  /** p-4 for forms and lists in a grid, p-5 for a screen's main sections. */
  padding?: 'p-4' | 'p-5';
  testId?: string;
  /** The section's name when it has no heading. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={`rounded-lg border border-slate-200 bg-white ${padding} shadow-sm`}
      data-testid={testId}
      aria-label={label}
      aria-labelledby={titleId}
    >
      {title !== undefined && (
        <h2 id={titleId} className={titleClassName}>
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}
