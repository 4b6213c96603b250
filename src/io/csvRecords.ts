import type { CsvTable } from "./parseCsv";

/** Which columns a CSV must have and how to read them. */
export interface CsvColumns {
  /** Finite numbers, required. */
  numbers?: string[];
  /** Numbers that may be empty or NaN (read as NaN). */
  optionalNumbers?: string[];
  /** Text, required column (any value). */
  strings?: string[];
}

/**
 * Reads the rows of a parsed CSV as records with the named columns, checked: a missing column
 * or a value that is not a finite number throws an Error naming `source`, the line (header =
 * line 1) and the column. Extra columns are ignored.
 *
 * @example
 * const rows = csvRecords(parseCsv(text, "history.csv"), "history.csv", { numbers: ["epoch", "loss"] });
 */
export function csvRecords(table: CsvTable, source: string, columns: CsvColumns): Array<Record<string, number | string>> {
  const index = (name: string): number => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new Error(`${source}: missing column "${name}" (columns: ${table.header.join(",")})`);
    return i;
  };
  const numbers = (columns.numbers ?? []).map((n) => [n, index(n)] as const);
  const optional = (columns.optionalNumbers ?? []).map((n) => [n, index(n)] as const);
  const strings = (columns.strings ?? []).map((n) => [n, index(n)] as const);
  return table.rows.map((row, r) => {
    const record: Record<string, number | string> = {};
    for (const [name, i] of numbers) {
      const v = row[i].trim() === "" ? NaN : Number(row[i]);
      if (!Number.isFinite(v)) throw new Error(`${source}: line ${r + 2}, column "${name}": "${row[i]}" is not a finite number`);
      record[name] = v;
    }
    for (const [name, i] of optional) {
      const text = row[i].trim();
      const v = text === "" || text === "NaN" || text === "null" ? NaN : Number(text);
      if (Number.isNaN(v) && !(text === "" || text === "NaN" || text === "null")) {
        throw new Error(`${source}: line ${r + 2}, column "${name}": "${row[i]}" is not a number`);
      }
      record[name] = v;
    }
    for (const [name, i] of strings) record[name] = row[i];
    return record;
  });
}
