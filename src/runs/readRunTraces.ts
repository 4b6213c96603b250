import * as fs from "fs";
import * as path from "path";
import { readCsvFrame } from "../data/readCsvFrame";
import { GATE_NAMES, type GateName } from "../traces/gateName";
import type { RecurrentCell } from "../models/matchedUnits";
import type { SaturationRow } from "../traces/saturation";
import { cellOfColumns, TRACE_COLUMNS } from "../traces/traceColumns";
import { TRACE_FILES, TRACE_HEADERS } from "./runFormat";

/**
 * A row of `traces/gates.csv`: one unit of one layer (by name) at one time step of one traced
 * sample. Every row has h; a GRU layer's rows z, r, hTilde; an LSTM layer's i, f, cTilde, o, c
 * (a quantity the layer's cell lacks is absent).
 *
 * @example
 * (await readRunTraces("runs/x/traces")).gates?.[0].z
 */
export interface GateRow {
  layer: string; sample: number; t: number; unit: number;
  z?: number; r?: number; hTilde?: number;
  i?: number; f?: number; cTilde?: number; o?: number; c?: number;
  h: number;
}

/**
 * A traced layer of `traces/gates.csv`: its name, its cell (told by which columns its rows fill) and those columns.
 *
 * @example
 * (await readRunTraces("runs/x/traces")).layers?.find((l) => l.cell === "lstm")?.columns
 */
export interface TracedLayer {
  layer: string;
  cell: RecurrentCell;
  columns: readonly GateName[];
}

/**
 * A row of `traces/inputs.csv`: one feature of a traced input sequence, unscaled.
 *
 * @example
 * (await readRunTraces("runs/x/traces")).inputs?.[0].feature
 */
export interface InputRow {
  sample: number; t: number; feature: string; value: number;
}

/**
 * A row of `traces/samples.csv`: which window a traced sample is (its class, and date when given).
 *
 * @example
 * (await readRunTraces("runs/x/traces")).samples?.[0].class
 */
export interface TracedSample {
  sample: number; class: string; targetDate?: string;
}

/**
 * The CSVs of a run's `traces/` folder; each is null when its file is absent.
 *
 * @example
 * const traces: RunTraces = await readRunTraces("runs/x/traces");
 */
export interface RunTraces {
  gates: GateRow[] | null;
  /** The layers of gates.csv in order of appearance (null when gates.csv is absent). */
  layers?: TracedLayer[] | null;
  saturation: SaturationRow[] | null;
  inputs: InputRow[] | null;
  samples?: TracedSample[] | null;
}

/**
 * Reads `gates.csv` (`layer,sample,t,unit`, then a GRU's `z,r,hTilde`, an LSTM's `i,f,cTilde,o,c`
 * and `h`: each layer's rows fill exactly its cell's columns, the others are empty), `saturation.csv`
 * (`layer,gate,unit,leftFraction,rightFraction`), `inputs.csv` (`sample,t,feature,value`) and
 * `samples.csv` (`sample,class[,targetDate]`) from a traces folder, where present (a saturation.csv
 * holding its header alone, as a SimpleRNN-only trace writes it, gives no rows), through
 * `readCsvFrame` (errors name file, line and column). Layers are read as names (text).
 *
 * @example
 * const traces = await readRunTraces("runs/x/traces"); // traces.gates?.length
 */
export async function readRunTraces(dir: string): Promise<RunTraces> {
  const read = async (name: string, numeric: string[], text: string[] = [], optionalText: string[] = []): Promise<Array<Record<string, unknown>> | null> => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return null;
    const df = await readCsvFrame(file, { numeric, text });
    const present = optionalText.filter((c) => (df.columns as string[]).includes(c));
    const columns = [...numeric, ...text, ...present].map((c) => [c, df.column(c).values as unknown[]] as const);
    const isText = new Set([...text, ...present]);
    return Array.from({ length: df.shape[0] }, (_, i) => {
      const row: Record<string, unknown> = {};
      for (const [c, values] of columns) row[c] = isText.has(c) ? String(values[i] ?? "") : values[i];
      return row;
    });
  };
  const gatesFile = path.join(dir, TRACE_FILES.gates);
  const gates = fs.existsSync(gatesFile) ? await readGates(gatesFile) : null;
  const saturationFile = path.join(dir, TRACE_FILES.saturation);
  // A model with no sigmoid gate (SimpleRNN layers only) writes the header alone: no rows, not an error.
  const headerOnly = fs.existsSync(saturationFile) && fs.readFileSync(saturationFile, "utf8").trim() === TRACE_HEADERS.saturation;
  const saturation = headerOnly ? [] : await read(TRACE_FILES.saturation, ["unit", "leftFraction", "rightFraction"], ["layer", "gate"]);
  saturation?.forEach((row, i) => {
    if (!["z", "r", "i", "f", "o"].includes(row.gate as string)) {
      throw new Error(`${path.join(dir, TRACE_FILES.saturation)}: line ${i + 2}, column "gate": "${row.gate}" is not z or r (GRU) or i, f, o (LSTM)`);
    }
  });
  const inputs = await read(TRACE_FILES.inputs, ["sample", "t", "value"], ["feature"]);
  const samples = await read(TRACE_FILES.samples, ["sample"], ["class"], ["targetDate"]);
  return {
    gates: gates?.rows ?? null,
    layers: gates?.layers ?? null,
    saturation: saturation as unknown as SaturationRow[] | null,
    inputs: inputs as unknown as InputRow[] | null,
    samples: samples as unknown as TracedSample[] | null,
  };
}

/** gates.csv's rows; each row's filled quantity columns must be one cell's, the same for all rows of a layer. */
async function readGates(file: string): Promise<{ rows: GateRow[]; layers: TracedLayer[] }> {
  const df = await readCsvFrame(file, { numeric: ["sample", "t", "unit", "h"], text: ["layer"] });
  const present = GATE_NAMES.filter((q) => q !== "h" && (df.columns as string[]).includes(q));
  const col = (c: string) => df.column(c).values as unknown[];
  const [layer, sample, t, unit, h] = [col("layer"), col("sample"), col("t"), col("unit"), col("h")];
  const quantities = present.map((q) => [q, col(q)] as const);
  const layers = new Map<string, TracedLayer>();
  const rows = Array.from({ length: df.shape[0] }, (_, i): GateRow => {
    const row: GateRow = { layer: String(layer[i]), sample: sample[i] as number, t: t[i] as number, unit: unit[i] as number, h: h[i] as number };
    for (const [q, values] of quantities) {
      const v = values[i];
      if (v == null || (typeof v === "string" && v.trim() === "")) continue;
      const n = typeof v === "string" ? Number(v) : v;
      if (typeof n !== "number" || !Number.isFinite(n)) throw new Error(`${file}: line ${i + 2}, column "${q}": expected a number or an empty cell, got ${JSON.stringify(v)}`);
      row[q] = n;
    }
    const filled = GATE_NAMES.filter((q) => row[q] !== undefined);
    const cell = cellOfColumns(filled);
    if (!cell) {
      throw new Error(`${file}: line ${i + 2}: layer "${row.layer}" fills columns ${filled}; expected one cell's: ` +
        (Object.keys(TRACE_COLUMNS) as RecurrentCell[]).map((c) => `${TRACE_COLUMNS[c].join(",")} (${c})`).join(", "));
    }
    const known = layers.get(row.layer);
    if (!known) layers.set(row.layer, { layer: row.layer, cell, columns: TRACE_COLUMNS[cell] });
    else if (known.cell !== cell) throw new Error(`${file}: line ${i + 2}: layer "${row.layer}" fills ${cell}'s columns (${filled}), its earlier rows ${known.cell}'s`);
    return row;
  });
  return { rows, layers: [...layers.values()] };
}
