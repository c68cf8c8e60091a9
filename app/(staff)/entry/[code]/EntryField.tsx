'use client';

import type { UseFormRegister } from 'react-hook-form';
import type { CatalogDef, FieldDef, RowValues } from '@/lib/catalog/types';

const base =
  'mt-1 block w-full rounded-md border px-3 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 bg-white';
const ok = `${base} border-slate-300 focus:border-blue-600 focus:ring-blue-600/30`;
const bad = `${base} border-red-500 bg-red-50 focus:border-red-600 focus:ring-red-500/30`;

/** One catalog field as a form control chosen by its type: code tables as selects, dates as date inputs. */
export function EntryField({
  def,
  field,
  error,
  register,
}: {
  def: CatalogDef;
  field: FieldDef;
  error: string | undefined;
  register: UseFormRegister<RowValues>;
}) {
  const id = `entry-${field.key}`;
  const describedBy = [error ? `${id}-error` : null, hintOf(field) ? `${id}-hint` : null].filter(Boolean).join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'data-testid': `entry-field-${field.key}`,
    className: error ? bad : ok,
    ...register(field.key),
  };
  const table = field.codeTable ? def.codeTables[field.codeTable] : undefined;
  const hint = hintOf(field);
  return (
    <div className={field.maxLength && field.maxLength > 500 ? 'sm:col-span-2' : undefined}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {field.label}
        {field.required && (
          <span className="ml-0.5 text-red-600" aria-label="必填">
            *
          </span>
        )}
        {field.personal && <span className="ml-2 text-xs font-normal text-slate-500">（加密存储）</span>}
      </label>
      {table ? (
        <select {...common}>
          <option value="">请选择</option>
          {table.items.map((item) => (
            <option key={item.code} value={item.code}>
              {item.code} {item.label}
            </option>
          ))}
        </select>
      ) : field.type === 'DATE' ? (
        <input type="date" min="1900-01-01" max="2099-12-31" {...common} />
      ) : field.maxLength && field.maxLength > 500 ? (
        <textarea rows={3} {...common} />
      ) : (
        <input
          type={field.type === 'PHONE' ? 'tel' : 'text'}
          inputMode={field.type === 'NUMBER' || field.type === 'AMOUNT_WAN' ? 'decimal' : undefined}
          autoComplete="off"
          {...common}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          className="mt-1 text-xs text-red-600"
          data-testid={`entry-error-${field.key}`}
        >
          {error}
        </p>
      )}
    </div>
  );
}

function hintOf(field: FieldDef): string {
  const parts: string[] = [];
  if (field.type === 'AMOUNT_WAN') parts.push('单位：万元');
  if (field.type === 'USCC') parts.push('18位统一社会信用代码');
  if (field.note) parts.push(field.note);
  if (field.maxLength && field.type === 'TEXT') parts.push(`最多${field.maxLength}字`);
  return parts.join('；');
}
