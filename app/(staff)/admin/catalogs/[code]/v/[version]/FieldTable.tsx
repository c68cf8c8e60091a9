'use client';

import { useFieldArray, type Control, type UseFormRegister, type UseFormWatch } from 'react-hook-form';
import { FIELD_TYPE_LABEL, FIELD_TYPES, SENSITIVITIES, SENSITIVITY_LABEL } from '@/lib/catalog/admin/labels';
import { newField, type DraftForm } from './draft-form';

const cell =
  'block w-full rounded border border-slate-300 px-2 py-1 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';
const bad = 'ring-2 ring-red-500/60';

const COLUMNS = [
  '',
  '标识',
  '名称',
  '类型',
  '必填',
  '长度',
  '数据字典',
  '校验正则',
  '个人信息',
  '可见级别',
  '表头别名',
  '填写说明',
  '',
];

/** The field table of a draft: one row per field, in template order; rows move up and down. */
export function FieldTable({
  control,
  register,
  watch,
  codeTables,
  invalid,
}: {
  control: Control<DraftForm>;
  register: UseFormRegister<DraftForm>;
  watch: UseFormWatch<DraftForm>;
  codeTables: { code: string; name: string }[];
  /** Paths with a problem (fields.3.codeTable …), highlighted. */
  invalid: Set<string>;
}) {
  const { fields, append, remove, move } = useFieldArray({ control, name: 'fields' });
  const mark = (i: number, p: string) => (invalid.has(`fields.${i}.${p}`) ? ` ${bad}` : '');
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="field-table">
          <thead className="text-left text-xs text-slate-600">
            <tr>
              {COLUMNS.map((h, i) => (
                <th key={i} scope="col" className="px-1 py-2 font-medium whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {fields.map((row, i) => {
              const type = watch(`fields.${i}.type`);
              return (
                <tr key={row.id} className="align-top" data-testid="field-row">
                  <td className="px-1 py-1 whitespace-nowrap">
                    <button
                      type="button"
                      aria-label="上移"
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                      className="px-1 text-slate-500 disabled:opacity-30"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label="下移"
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                      className="px-1 text-slate-500 disabled:opacity-30"
                    >
                      ↓
                    </button>
                  </td>
                  <td className="min-w-32 px-1 py-1">
                    <input
                      aria-label={`字段${i + 1} 标识`}
                      {...register(`fields.${i}.key`)}
                      className={`${cell} font-mono${mark(i, 'key')}`}
                    />
                  </td>
                  <td className="min-w-40 px-1 py-1">
                    <input
                      aria-label={`字段${i + 1} 名称`}
                      {...register(`fields.${i}.label`)}
                      className={cell + mark(i, 'label')}
                    />
                  </td>
                  <td className="min-w-36 px-1 py-1">
                    <select
                      aria-label={`字段${i + 1} 类型`}
                      {...register(`fields.${i}.type`)}
                      className={cell + mark(i, 'type')}
                    >
                      {FIELD_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {FIELD_TYPE_LABEL[t]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="px-1 py-2 text-center">
                    <input type="checkbox" aria-label={`字段${i + 1} 必填`} {...register(`fields.${i}.required`)} />
                  </td>
                  <td className="min-w-16 px-1 py-1">
                    <input
                      inputMode="numeric"
                      aria-label={`字段${i + 1} 长度`}
                      {...register(`fields.${i}.maxLength`)}
                      className={cell + mark(i, 'maxLength')}
                    />
                  </td>
                  <td className="min-w-36 px-1 py-1">
                    <select
                      aria-label={`字段${i + 1} 数据字典`}
                      disabled={type !== 'ENUM'}
                      {...register(`fields.${i}.codeTable`)}
                      className={`${cell} disabled:bg-slate-100${mark(i, 'codeTable')}`}
                    >
                      <option value="">—</option>
                      {codeTables.map((t) => (
                        <option key={t.code} value={t.code}>
                          {t.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="min-w-32 px-1 py-1">
                    <input
                      aria-label={`字段${i + 1} 校验正则`}
                      {...register(`fields.${i}.pattern`)}
                      className={`${cell} font-mono${mark(i, 'pattern')}`}
                    />
                  </td>
                  <td className="px-1 py-2 text-center">
                    <input
                      type="checkbox"
                      aria-label={`字段${i + 1} 个人信息`}
                      {...register(`fields.${i}.personal`)}
                      className={mark(i, 'personal')}
                    />
                  </td>
                  <td className="min-w-24 px-1 py-1">
                    <select
                      aria-label={`字段${i + 1} 可见级别`}
                      {...register(`fields.${i}.visibility`)}
                      className={cell + mark(i, 'visibility')}
                    >
                      {SENSITIVITIES.map((s) => (
                        <option key={s} value={s}>
                          {SENSITIVITY_LABEL[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="min-w-48 px-1 py-1">
                    <input
                      aria-label={`字段${i + 1} 表头别名`}
                      placeholder="逗号分隔"
                      {...register(`fields.${i}.aliases`)}
                      className={cell + mark(i, 'aliases')}
                    />
                  </td>
                  <td className="min-w-48 px-1 py-1">
                    <input aria-label={`字段${i + 1} 填写说明`} {...register(`fields.${i}.note`)} className={cell} />
                  </td>
                  <td className="px-1 py-1">
                    <button type="button" onClick={() => remove(i)} className="text-xs text-red-700 hover:underline">
                      删除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        onClick={() => append(newField())}
        data-testid="field-add"
        className="mt-2 rounded border border-blue-700 px-2.5 py-1 text-xs font-medium text-blue-700 hover:bg-blue-50"
      >
        添加字段
      </button>
    </div>
  );
}
