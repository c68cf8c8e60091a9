'use client';

import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import type { CatalogDef, RowValues } from '@/lib/catalog/types';
import { EntryField } from './EntryField';
import { catalogResolver, emptyRow } from './entry-resolver';

/**
 * A form generated from the catalog's fields. Each field is checked when it is left and again on
 * every change after that, with the catalog's own rules; 加入列表 checks the whole row and hands the
 * normalised values to the session list.
 */
export function EntryForm({
  def,
  editing,
  onAdd,
}: {
  def: CatalogDef;
  /** A row taken back from the list to be corrected; null for a fresh row. */
  editing: RowValues | null;
  onAdd: (values: RowValues) => void;
}) {
  const empty = useMemo(() => emptyRow(def), [def]);
  const resolver = useMemo(() => catalogResolver(def), [def]);
  const { register, handleSubmit, reset, setFocus, formState } = useForm<RowValues>({
    mode: 'onTouched',
    resolver,
    defaultValues: empty,
  });
  const first = def.fields[0]?.key;

  useEffect(() => {
    if (editing) reset({ ...empty, ...editing });
  }, [editing, empty, reset]);

  const add = handleSubmit((values) => {
    onAdd(values);
    reset(empty);
    if (first) setFocus(first);
  });
  const errors = formState.errors as Record<string, { message?: string } | undefined> & {
    root?: { row?: { message?: string } };
  };
  const count = Object.keys(formState.errors).filter((k) => k !== 'root').length;

  return (
    <form
      onSubmit={add}
      noValidate
      data-testid="entry-form"
      aria-label={`录入${def.name}`}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="grid gap-x-5 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        {def.fields.map((field) => (
          <EntryField key={field.key} def={def} field={field} error={errors[field.key]?.message} register={register} />
        ))}
      </div>
      {errors.root?.row?.message && (
        <p
          role="alert"
          className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          data-testid="entry-row-error"
        >
          {errors.root.row.message}
        </p>
      )}
      <div className="mt-5 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          data-testid="entry-add"
          className="rounded-md bg-blue-700 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800"
        >
          {editing ? '保存修改并加入列表' : '加入列表'}
        </button>
        <button
          type="button"
          onClick={() => reset(empty)}
          className="rounded-md border border-slate-300 px-4 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
        >
          清空表单
        </button>
        {formState.isSubmitted && count > 0 && (
          <span className="text-sm text-red-600" data-testid="entry-error-count">
            有 {count} 项需要修改
          </span>
        )}
      </div>
    </form>
  );
}
