import * as fs from "fs";
import * as path from "path";
import { GATE_NAMES, type GateName } from "../charts/gateName";
import type { SaturationRow } from "../charts/saturationPlot";
import { csvRecords, type CsvColumns } from "../io/csvRecords";
import { parseCsv } from "../io/parseCsv";

/** A row of `traces/gates.csv`: one unit of one layer at one time step of one traced sample. */
export interface GateRow {
  layer: number; sample: number; t: number; unit: number;
  z: number; r: number; hTilde: number; h: number;
}

/** A row of `traces/inputs.csv`: one feature of a traced input sequence, unscaled. */
export interface InputRow {
  sample: number; t: number; feature: string; value: number;
}

/** The CSVs of a run's `traces/` folder; each is null when its file is absent. */
export interface RunTraces {
  gates: GateRow[] | null;
  saturation: SaturationRow[] | null;
  inputs: InputRow[] | null;
}

/**
 * Reads `gates.csv` (`layer,sample,t,unit,z,r,hTilde,h`), `saturation.csv`
 * (`layer,gate,unit,leftFraction,rightFraction`) and `inputs.csv` (`sample,t,feature,value`)
 * from a traces folder, where present. Bad values throw an Error naming file, line and column.
 *
 * @example
 * const traces = readRunTraces("runs/x/traces"); // traces.gates?.length
 */
export function readRunTraces(dir: string): RunTraces {
  const read = (name: string, columns: CsvColumns): Array<Record<string, number | string>> | null => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return null;
    return csvRecords(parseCsv(fs.readFileSync(file, "utf8"), file), file, columns);
  };
  const gates = read("gates.csv", { numbers: ["layer", "sample", "t", "unit", "z", "r", "hTilde", "h"] });
  const saturation = read("saturation.csv", { numbers: ["layer", "unit", "leftFraction", "rightFraction"], strings: ["gate"] });
  saturation?.forEach((row, i) => {
    if (!GATE_NAMES.includes(row.gate as GateName)) {
      throw new Error(`${path.join(dir, "saturation.csv")}: line ${i + 2}, column "gate": "${row.gate}" is not one of ${GATE_NAMES.join(", ")}`);
    }
  });
  const inputs = read("inputs.csv", { numbers: ["sample", "t", "value"], strings: ["feature"] });
  return {
    gates: gates as unknown as GateRow[] | null,
    saturation: saturation as unknown as SaturationRow[] | null,
    inputs: inputs as unknown as InputRow[] | null,
  };
}
