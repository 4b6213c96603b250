import * as fs from "fs";
import { parseIsoDay } from "./isoDay";
import { csvCells } from "../util/csvCells";

/**
 * One column a CSV must have and how its cells are read: `number` (a finite decimal number,
 * optionally within [min, max]), `date` (exactly YYYY-MM-DD, a real calendar day) or `class`
 * (a name from a closed list, unless `newClasses` admits others).
 */
export type CsvColumnSpec =
  | { name: string; kind: "number"; min?: number; max?: number; unit?: string }
  | { name: string; kind: "date" }
  | { name: string; kind: "class"; classes?: readonly string[]; newClasses?: boolean };

/** The columns of a CSV as typed arrays, one entry per data row. */
export interface CsvColumnArrays {
  file: string;
  rows: number;
  /** The file line of each data row as an editor shows it (header = line 1). */
  lines: Int32Array;
  /** `number` columns. */
  numbers: Record<string, Float64Array>;
  /** `date` columns as day numbers (days since 1970-01-01; see isoDay). */
  days: Record<string, Int32Array>;
  /** `class` columns: the class list and each row's index into it. */
  classes: Record<string, { classes: string[]; indices: Uint16Array }>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FLOAT32_MAX = 3.4028234663852886e38;

/** A growable typed array (doubling), so a file is read once without knowing its length. */
class Grow<T extends Float64Array | Int32Array | Uint16Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) { this.data = make(1024); }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): T { return this.data.slice(0, this.length) as T; }
}

/**
 * Streams a CSV and reads the named columns into typed arrays (other columns are skipped), checking
 * every cell on the way: the file exists and has a header, every column is present, every line
 * has as many cells as the header, numbers are finite and in range, dates parse whole and
 * classes are known. The first problem throws an Error naming the file, the line as an editor
 * shows it (header = line 1), the column and what was expected. Blank lines are skipped.
 * Memory: 8 bytes per number cell, 4 per date, 2 per class, 4 per row for line numbers.
 * `options.signal` stops the read within a chunk of 1 MiB once aborted (throws its reason).
 *
 * @example
 * const csv = await readCsvColumns("datasets/seattle-weather.csv", [
 *   { name: "date", kind: "date" }, { name: "wind", kind: "number", min: 0, max: 150 },
 *   { name: "weather", kind: "class", classes: ["drizzle", "fog", "rain", "snow", "sun"] },
 * ]);
 * csv.numbers.wind[0]; // 4.7
 */
export async function readCsvColumns(file: string, specs: readonly CsvColumnSpec[], options: { signal?: AbortSignal } = {}): Promise<CsvColumnArrays> {
  if (!fs.existsSync(file)) throw new Error(`${file}: file not found`);
  if (!fs.statSync(file).isFile()) throw new Error(`${file}: not a file`);
  let header: string[] | null = null;
  let at: number[] = [];
  let lineNo = 0;
  const lines = new Grow((n) => new Int32Array(n));
  const numbers = specs.filter((s) => s.kind === "number").map(() => new Grow((n) => new Float64Array(n)));
  const days = specs.filter((s) => s.kind === "date").map(() => new Grow((n) => new Int32Array(n)));
  const classSpecs = specs.filter((s): s is Extract<CsvColumnSpec, { kind: "class" }> => s.kind === "class");
  const classIndex = classSpecs.map((s) => new Map((s.classes ?? []).map((c, i) => [c, i] as const)));
  const classRows = classSpecs.map(() => new Grow((n) => new Uint16Array(n)));
  const where = (name?: string) => `${file}: line ${lineNo}${name === undefined ? "" : `, column "${name}"`}`;

  const onLine = (raw: string) => {
    lineNo++;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (header === null) {
      if (line.trim() === "") throw new Error(`${file}: line 1 is empty; expected a header naming the columns (${specs.map((s) => s.name).join(",")})`);
      // A bare CR inside the first line: the whole file is one "line" (old Mac line ends); say so, without quoting it.
      if (line.includes("\r")) throw new Error(`${file}: line ends are a bare CR (old Mac style); expected LF or CRLF: convert the file, e.g. tr '\\r' '\\n' < ${file} > fixed.csv`);
      header = csvCells(line.replace(/^\uFEFF/, ""), () => where()).map((c) => c.trim());
      const found = header;
      at = specs.map((s) => {
        const i = found.indexOf(s.name);
        if (i < 0) throw new Error(`${file}: missing column "${s.name}" (found: ${found.join(", ")})`);
        if (found.lastIndexOf(s.name) !== i) throw new Error(`${file}: line 1 names column "${s.name}" twice (columns ${i + 1} and ${found.lastIndexOf(s.name) + 1}); which one to read is ambiguous: rename or remove one`);
        return i;
      });
      return;
    }
    if (line.trim() === "") return;
    const cells = csvCells(line, () => where());
    if (cells.length !== header.length) {
      throw new Error(`${where()}: ${cells.length} cells, expected ${header.length} as in the header (line 1: ${header.join(",")})`);
    }
    let n = 0, d = 0, c = 0;
    specs.forEach((spec, k) => {
      const cell = cells[at[k]].trim();
      if (spec.kind === "number") numbers[n++].push(readNumber(cell, spec, () => where(spec.name)));
      else if (spec.kind === "date") {
        const day = parseIsoDay(cell);
        if (day === null) {
          throw new Error(`${where(spec.name)}: ${cell === "" ? "an empty cell" : JSON.stringify(cell)} is not a date: expected a calendar day written YYYY-MM-DD and nothing else`);
        }
        days[d++].push(day);
      } else {
        const index = classIndex[c];
        let i = index.get(cell);
        if (i === undefined) {
          if (cell === "") throw new Error(`${where(spec.name)}: expected a class, got an empty cell`);
          if (!spec.newClasses) throw new Error(unknownClass(where(spec.name), cell, [...index.keys()]));
          i = index.size;
          index.set(cell, i);
        }
        classRows[c++].push(i);
      }
    });
    lines.push(lineNo);
  };

  let rest = "";
  const stream = fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const part of parts) onLine(part);
      options.signal?.throwIfAborted(); // a Ctrl-C stops a long file within a chunk (1 MiB)
    }
    if (rest !== "") onLine(rest);
  } finally {
    stream.destroy();
  }
  if (header === null) throw new Error(`${file}: the file is empty; expected a header and data rows`);
  if (lines.length === 0) throw new Error(`${file}: no data rows after the header`);
  const result: CsvColumnArrays = { file, rows: lines.length, lines: lines.done(), numbers: {}, days: {}, classes: {} };
  let n = 0, d = 0, c = 0;
  for (const spec of specs) {
    if (spec.kind === "number") result.numbers[spec.name] = numbers[n++].done();
    else if (spec.kind === "date") result.days[spec.name] = days[d++].done();
    else {
      const names = [...classIndex[c].keys()];
      result.classes[spec.name] = { classes: names, indices: classRows[c++].done() };
    }
  }
  return result;
}

function readNumber(cell: string, spec: Extract<CsvColumnSpec, { kind: "number" }>, where: () => string): number {
  if (!NUMBER.test(cell)) {
    const got = cell === "" ? "an empty cell" : JSON.stringify(cell);
    const nonFinite = /^[+-]?(nan|inf(inity)?)$/i.test(cell);
    throw new Error(`${where()}: expected a ${nonFinite ? "finite " : ""}number, got ${got}`);
  }
  const v = Number(cell);
  const lo = spec.min ?? -FLOAT32_MAX;
  const hi = spec.max ?? FLOAT32_MAX;
  if (!(v >= lo && v <= hi)) {
    throw new Error(`${where()}: ${cell} is out of range: expected ${lo} … ${hi}${spec.unit ? ` ${spec.unit}` : ""}${spec.min === undefined ? " (float32)" : ""}`);
  }
  return v;
}

function unknownClass(where: string, cell: string, known: string[]): string {
  const near = known.find((k) => k.toLowerCase() === cell.toLowerCase());
  return `${where}: unknown class ${JSON.stringify(cell)}${near ? ` (did you mean "${near}"? classes are case-sensitive)` : ""}; ` +
    `known: ${known.join(", ")}. To admit new classes deliberately, pass newClasses: true (grulab tutorial --new-classes) or the full class list`;
}
