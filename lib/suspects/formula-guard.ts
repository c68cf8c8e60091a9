// Formula injection (CSV/Excel injection, DESIGN.md §6): a value beginning with = + - @ (or a tab or carriage
// return) could run as a formula in a spreadsheet program. Exported cells get a leading apostrophe; the
// same prefix is removed again when the file comes back, so a value survives the round trip unchanged.
const TRIGGER = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
  return TRIGGER.test(value) ? `'${value}` : value;
}

export function restore(value: string): string {
  return value.startsWith("'") && TRIGGER.test(value.slice(1)) ? value.slice(1) : value;
}
