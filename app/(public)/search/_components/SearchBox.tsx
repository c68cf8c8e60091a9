// The one search box of the public site (home and results page): a plain GET form, so it works without
// JavaScript and the query is a shareable address. Name fragments and codes go in the same box.
export function SearchBox({ defaultValue = '', large = false }: { defaultValue?: string; large?: boolean }) {
  return (
    <form action="/search" method="get" role="search" className="flex w-full gap-2" data-testid="search-form">
      <label htmlFor="search-q" className="sr-only">
        企业名称或统一社会信用代码
      </label>
      <input
        id="search-q"
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={100}
        autoComplete="off"
        enterKeyHint="search"
        placeholder="输入企业名称（可只输关键字）或 18 位统一社会信用代码"
        data-testid="search-input"
        className={`min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 text-slate-900 placeholder:text-slate-500 focus-visible:border-blue-800 focus-visible:outline-2 focus-visible:outline-blue-800 ${
          large ? 'py-3 text-base' : 'py-2 text-sm'
        }`}
      />
      <button
        type="submit"
        data-testid="search-submit"
        className={`shrink-0 rounded-md bg-blue-800 font-medium text-white hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 ${
          large ? 'px-6 py-3 text-base' : 'px-4 py-2 text-sm'
        }`}
      >
        查询
      </button>
    </form>
  );
}
