import { readCsvFrame } from "./readCsvFrame";

/** A monthly series read from a CSV: one value per calendar month, gaps filled and listed. */
export interface MonthlySeries {
  file: string;
  column: string;
  /** "YYYY-MM" of every month from the first to the last row, gaps included. */
  months: string[];
  values: number[];
  /** Months missing from the file, filled by linear interpolation between their neighbours. */
  filled: string[];
}

/**
 * Reads one numeric column of a monthly CSV (a date column "YYYY-MM-DD" or "YYYY-MM", one row per
 * month, in time order) through readCsvFrame's checks. A date that does not parse, repeats or goes
 * back in time is an error naming the file, the line and the column. Missing months are filled by
 * linear interpolation and listed in `filled` (the bundled CO₂ file lacks 5 months of 1958–1964).
 *
 * @example
 * const co2 = await readMonthlySeries(datasetPath("co2-concentration.csv"), { date: "Date", value: "CO2" });
 * co2.filled // ["1958-06", "1958-10", "1964-02", "1964-03", "1964-04"]
 */
export async function readMonthlySeries(file: string, columns: { date: string; value: string }): Promise<MonthlySeries> {
  const df = await readCsvFrame(file, { numeric: [columns.value], text: [columns.date] });
  const dates = (df.column(columns.date).values as unknown[]).map(String);
  const raw = df.column(columns.value).values as number[];
  const monthIndex = dates.map((d, i) => {
    const m = /^(\d{4})-(\d{2})(-\d{2})?$/.exec(d.trim());
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      throw new Error(`${file}: line ${i + 2}, column "${columns.date}": expected a date YYYY-MM-DD or YYYY-MM, got ${JSON.stringify(d)}`);
    }
    return Number(m[1]) * 12 + Number(m[2]) - 1;
  });
  for (let i = 1; i < monthIndex.length; i++) {
    if (monthIndex[i] <= monthIndex[i - 1]) {
      throw new Error(`${file}: line ${i + 2}, column "${columns.date}": ${dates[i]} does not follow ${dates[i - 1]} (one row per month, in time order)`);
    }
  }
  const first = monthIndex[0];
  const label = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
  const values: number[] = [raw[0]];
  const filled: string[] = [];
  for (let i = 1; i < raw.length; i++) {
    const gap = monthIndex[i] - monthIndex[i - 1];
    for (let g = 1; g < gap; g++) {
      values.push(raw[i - 1] + ((raw[i] - raw[i - 1]) * g) / gap);
      filled.push(label(monthIndex[i - 1] + g));
    }
    values.push(raw[i]);
  }
  return { file, column: columns.value, months: values.map((_, k) => label(first + k)), values, filled };
}
