/**
 * A PostgreSQL array literal ('{"a","b"}') for a list of strings: drizzle's sql template spreads
 * a JavaScript array into a list of parameters, which is not what `= any(...)` or a text[] column
 * wants. Each element is quoted and escaped, so any string is safe.
 */
export const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
