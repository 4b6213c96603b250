import * as fs from "fs";
import type * as dfd from "danfojs-node";
import { danfo } from "../util/danfo";

/** Which columns a CSV must have: numeric ones (every cell a finite number) and text ones. */
export interface CsvColumns {
  numeric: string[];
  text?: string[];
}

/**
 * Reads a CSV through danfo and checks it before anyone trusts it: the file exists, every
 * required column is present, every numeric cell is a finite number and no text cell is empty.
 * Errors name the file, the line (header = line 1) and the column. danfo alone would turn a
 * stray word into a string column and an empty cell into null without a word.
 *
 * @example
 * const df = await readCsvFrame("datasets/seattle-weather.csv", { numeric: ["wind"], text: ["date"] });
 */
export async function readCsvFrame(file: string, columns: CsvColumns): Promise<dfd.DataFrame> {
  if (!fs.existsSync(file)) throw new Error(`${file}: file not found`);
  if (!fs.statSync(file).isFile()) throw new Error(`${file}: not a file`);
  let df: dfd.DataFrame;
  try {
    df = (await danfo().readCSV(file)) as dfd.DataFrame;
  } catch (err) {
    throw new Error(`${file}: could not be read as CSV: ${(err as Error).message}`);
  }
  const present = df.columns as string[];
  for (const name of [...columns.numeric, ...(columns.text ?? [])]) {
    if (!present.includes(name)) {
      throw new Error(`${file}: missing column "${name}" (found: ${present.join(", ")})`);
    }
  }
  if (df.shape[0] === 0) throw new Error(`${file}: no data rows`);
  for (const name of columns.numeric) {
    const values = df.column(name).values as unknown[];
    values.forEach((v, i) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        const got = v == null || v === "" ? "an empty cell" : JSON.stringify(v);
        throw new Error(`${file}: line ${i + 2} (data row ${i + 1}), column "${name}": expected a number, got ${got}`);
      }
    });
  }
  for (const name of columns.text ?? []) {
    const values = df.column(name).values as unknown[];
    values.forEach((v, i) => {
      if (v == null || String(v).trim() === "" || (typeof v === "number" && Number.isNaN(v))) {
        throw new Error(`${file}: line ${i + 2} (data row ${i + 1}), column "${name}": expected a value, got an empty cell`);
      }
    });
  }
  return df;
}
