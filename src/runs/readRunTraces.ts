import * as fs from "fs";
import * as path from "path";
import { readCsvFrame } from "../data/readCsvFrame";
import type { SaturationRow } from "../traces/saturation";

/**
 * A row of `traces/gates.csv`: one unit of one layer (by name) at one time step of one traced sample.
 *
 * @example
 * (await readRunTraces("runs/x/traces")).gates?.[0].z
 */
export interface GateRow {
  layer: string; sample: number; t: number; unit: number;
  z: number; r: number; hTilde: number; h: number;
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
  saturation: SaturationRow[] | null;
  inputs: InputRow[] | null;
  samples?: TracedSample[] | null;
}

/**
 * Reads `gates.csv` (`layer,sample,t,unit,z,r,hTilde,h`), `saturation.csv`
 * (`layer,gate,unit,leftFraction,rightFraction`), `inputs.csv` (`sample,t,feature,value`) and
 * `samples.csv` (`sample,class[,targetDate]`) from a traces folder, where present, through
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
  const gates = await read("gates.csv", ["sample", "t", "unit", "z", "r", "hTilde", "h"], ["layer"]);
  const saturation = await read("saturation.csv", ["unit", "leftFraction", "rightFraction"], ["layer", "gate"]);
  saturation?.forEach((row, i) => {
    if (row.gate !== "z" && row.gate !== "r") {
      throw new Error(`${path.join(dir, "saturation.csv")}: line ${i + 2}, column "gate": "${row.gate}" is not z or r`);
    }
  });
  const inputs = await read("inputs.csv", ["sample", "t", "value"], ["feature"]);
  const samples = await read("samples.csv", ["sample"], ["class"], ["targetDate"]);
  return {
    gates: gates as unknown as GateRow[] | null,
    saturation: saturation as unknown as SaturationRow[] | null,
    inputs: inputs as unknown as InputRow[] | null,
    samples: samples as unknown as TracedSample[] | null,
  };
}
