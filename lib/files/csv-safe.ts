// Formula (CSV) injection defence for every file the platform writes for people to open in a spreadsheet
// (OWASP ASVS 1.2.10): a cell whose text starts with = + - @, a tab, a carriage return or NUL could be taken
// for a formula by Excel or WPS (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(…)`), so it is written with a
// leading apostrophe, which spreadsheets show as text. A plain number such as -12.5 is a value, not a formula,
// and is left alone so that exported amounts stay numbers.
const FORMULA_START = /^[=+\-@\t\r\0]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * The inverse, for a file the platform wrote coming back (the offline fix): the apostrophe neutraliseCell added
 * is taken off again, so a value survives the round trip unchanged.
 */
export function restoreCell(value: string): string {
  return value.startsWith("'") && neutraliseCell(value.slice(1)) === value ? value.slice(1) : value;
}

/** One delimited line (RFC 4180 quoting: a field with the delimiter, a quote or a line break is quoted). */
export function delimitedLine(values: string[], delimiter: ',' | '\t' | '|' = ','): string {
  return values
    .map((v) => {
      const safe = neutraliseCell(v);
      return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(delimiter);
}
