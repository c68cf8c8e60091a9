// The list table of every staff screen: a white bordered card that scrolls sideways, a header row of column
// headers (scope="col"), and a divided body. Rows and cells stay with each screen.
import type { ReactNode, ThHTMLAttributes } from 'react';

/** The card a table stands in. */
export function TableCard({
  as: Tag = 'div',
  testId,
  children,
}: {
  as?: 'div' | 'section';
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Tag className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={testId}>
      {children}
    </Tag>
  );
}

type ThProps = ThHTMLAttributes<HTMLTableCellElement> & {
  /** Narrower padding (px-3), for tables with many columns. */
  compact?: boolean;
  /** Right-aligned, for numbers. */
  right?: boolean;
  nowrap?: boolean;
  /** Padding other than the table's own (e.g. a table flush with its panel). */
  pad?: string;
};

/** A column header. */
export function Th({ compact, right, nowrap, pad, className, children, ...rest }: ThProps) {
  const classes = [
    pad ?? (compact ? 'px-3 py-2' : 'px-4 py-2'),
    'font-medium',
    right && 'text-right',
    nowrap && 'whitespace-nowrap',
    className,
  ];
  return (
    <th scope="col" className={classes.filter(Boolean).join(' ')} {...rest}>
      {children}
    </th>
  );
}

/**
 * The table: `columns` are plain header labels (with `compact`/`nowrap`), `head` any further <Th> cells after
 * them; the rows are the children. `caption` names the table for screen readers where no heading does.
 * `plain`: no shaded header (a table inside a panel).
 */
export function DataTable({
  testId,
  caption,
  columns = [],
  head,
  compact,
  nowrap,
  pad,
  plain,
  className,
  children,
}: {
  testId?: string;
  caption?: string;
  columns?: string[];
  head?: ReactNode;
  compact?: boolean;
  nowrap?: boolean;
  pad?: string;
  plain?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={className ? `${className} min-w-full text-sm` : 'min-w-full text-sm'} data-testid={testId}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead className={plain ? 'text-left text-slate-600' : 'bg-slate-50 text-left text-slate-600'}>
        <tr>
          {columns.map((label, i) => (
            <Th key={i} compact={compact} nowrap={nowrap} pad={pad}>
              {label}
            </Th>
          ))}
          {head}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">{children}</tbody>
    </table>
  );
}
