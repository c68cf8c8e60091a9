'use client';

import { useFieldArray, type Control, type UseFormRegister, type UseFormWatch } from 'react-hook-form';
import { RULE_KIND_LABEL } from '@/lib/catalog/admin/labels';
import { newRule, type DraftForm } from './draft-form';

const input =
  'rounded border border-slate-300 px-2 py-1 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';
const bad = ' ring-2 ring-red-500/60';

/** The natural key (去重依据) and the cross-field rules of a draft, naming fields by their keys. */
export function RuleList({
  control,
  register,
  watch,
  invalid,
}: {
  control: Control<DraftForm>;
  register: UseFormRegister<DraftForm>;
  watch: UseFormWatch<DraftForm>;
  invalid: Set<string>;
}) {
  const keys = useFieldArray({ control, name: 'naturalKey' });
  const rules = useFieldArray({ control, name: 'rules' });
  const fields = watch('fields').filter((f) => f.key);
  const options = (filter?: (type: string) => boolean) => [
    <option key="" value="">
      选择字段
    </option>,
    ...fields
      .filter((f) => !filter || filter(f.type))
      .map((f) => (
        <option key={f.key} value={f.key}>
          {f.label || f.key}（{f.key}）
        </option>
      )),
  ];
  const isDate = (t: string) => t === 'DATE';

  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <div>
        <h3 className="text-sm font-medium text-slate-800">唯一标识（去重依据）</h3>
        <p className="text-xs text-slate-500">
          每项一个字段标识；可用“|”写备选，如 uscc|certNumber 表示有统一社会信用代码时用它，否则用证件号码。
        </p>
        <ul className={`mt-2 space-y-2${invalid.has('naturalKey') ? bad : ''}`}>
          {keys.fields.map((k, i) => (
            <li key={k.id} className="flex gap-2">
              <input
                aria-label={`唯一标识第 ${i + 1} 项`}
                list="field-keys"
                {...register(`naturalKey.${i}.value`)}
                className={`${input} flex-1 font-mono${invalid.has(`naturalKey.${i}`) ? bad : ''}`}
              />
              <button type="button" onClick={() => keys.remove(i)} className="text-xs text-red-700 hover:underline">
                删除
              </button>
            </li>
          ))}
        </ul>
        <datalist id="field-keys">
          {fields.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </datalist>
        <button
          type="button"
          onClick={() => keys.append({ value: '' })}
          className="mt-2 text-xs text-blue-700 hover:underline"
        >
          添加一项
        </button>
      </div>

      <div>
        <h3 className="text-sm font-medium text-slate-800">跨字段规则</h3>
        <ul className="mt-2 space-y-2" data-testid="rule-list">
          {rules.fields.map((r, i) => {
            const kind = watch(`rules.${i}.kind`);
            return (
              <li
                key={r.id}
                className={`flex flex-wrap items-center gap-2 rounded border border-slate-200 p-2${invalid.has(`rules.${i}`) ? bad : ''}`}
              >
                <select aria-label={`规则 ${i + 1} 类型`} {...register(`rules.${i}.kind`)} className={input}>
                  {Object.entries(RULE_KIND_LABEL).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </select>
                <select aria-label={`规则 ${i + 1} 字段`} {...register(`rules.${i}.field`)} className={input}>
                  {options(kind === 'requiredWhen' ? undefined : isDate)}
                </select>
                {kind === 'requiredWhen' && (
                  <>
                    <span className="text-xs text-slate-600">当</span>
                    <select aria-label={`规则 ${i + 1} 条件字段`} {...register(`rules.${i}.other`)} className={input}>
                      {options()}
                    </select>
                    <span className="text-xs text-slate-600">取值为</span>
                    <input
                      aria-label={`规则 ${i + 1} 条件取值`}
                      placeholder="代码，逗号分隔"
                      {...register(`rules.${i}.values`)}
                      className={`${input} w-32`}
                    />
                  </>
                )}
                {kind === 'dateOrder' && (
                  <>
                    <span className="text-xs text-slate-600">不晚于</span>
                    <select aria-label={`规则 ${i + 1} 较晚日期`} {...register(`rules.${i}.other`)} className={input}>
                      {options(isDate)}
                    </select>
                    <input
                      aria-label={`规则 ${i + 1} 提示信息`}
                      placeholder="违反时的提示"
                      {...register(`rules.${i}.message`)}
                      className={`${input} min-w-48 flex-1`}
                    />
                  </>
                )}
                <button
                  type="button"
                  onClick={() => rules.remove(i)}
                  className="ml-auto text-xs text-red-700 hover:underline"
                >
                  删除
                </button>
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          onClick={() => rules.append(newRule())}
          className="mt-2 text-xs text-blue-700 hover:underline"
        >
          添加规则
        </button>
      </div>
    </div>
  );
}
