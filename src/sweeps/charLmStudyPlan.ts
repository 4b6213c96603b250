import type { RecurrentCell } from "../models/matchedUnits";
import type { SweepDefinition } from "./planSweep";
import { spaceConfigs } from "./spaceConfigs";
import { trialId } from "./trialId";

/** What the char-LM study's sweeps depend on (the rest of its options change no sweep name and no trial id). */
export interface CharLmStudyPlanOptions {
  cells: RecurrentCell[];
  gruUnits: number;
  layers: number;
  dropouts: number[];
  seeds: number;
  maxEpochs: number;
  patience: number;
  maxChars: number;
  timesteps: number;
  batchSize: number;
  learningRate: number;
  clipNorm: number;
  traceChars: number;
}

/** One cell's sweep of the char-LM study: its name, its definition for startSweep and its trials. */
export interface CharLmStudySweepPlan {
  cell: RecurrentCell;
  /** The name without the epoch bound: the sweeps of one cell and size under other bounds share it. */
  prefix: string;
  /** `<prefix>-e<maxEpochs>`: a sweep's budget is fixed, so each epoch bound is its own sweep. */
  name: string;
  /** The trial options every trial of the sweep shares (one value each in the space). */
  fixed: Record<string, number>;
  definition: SweepDefinition;
  /** The trials in plan order (grid: dropout, then seed) with their ids. */
  trials: Array<{ dropout: number; seed: number; trialId: string }>;
}

/**
 * The sweeps `charLmStudy` runs for a budget, one per cell, with their names and trial ids, made
 * without touching any folder: the same budget always gives the same names and ids, so a study
 * resumes from its folder (its sweep.json and trials/<id>/) under any later version that plans
 * the same. The sweep name is `<cell>-u<gruUnits>-l<layers>-<all|c<maxChars>>-T<timesteps>-b<batchSize>-lr<learningRate>-e<maxEpochs>`;
 * a trial's id is the hash of its config (cell, dropout, seed and `fixed`).
 *
 * @example
 * charLmStudyPlan({ ...CHARLM_STUDY_DEFAULTS })[0].name // "gru-u128-l2-all-T100-b64-lr0.002-e10"
 */
export function charLmStudyPlan(o: CharLmStudyPlanOptions): CharLmStudySweepPlan[] {
  const seeds = Array.from({ length: o.seeds }, (_, i) => i + 1);
  const cut = o.maxChars > 0 ? `c${o.maxChars}` : "all";
  const fixed = {
    gruUnits: o.gruUnits, layers: o.layers, timesteps: o.timesteps, batchSize: o.batchSize, learningRate: o.learningRate, clipNorm: o.clipNorm, maxChars: o.maxChars,
    patience: o.patience, traceChars: o.traceChars,
  };
  return o.cells.map((cell) => {
    const prefix = `${cell}-u${o.gruUnits}-l${o.layers}-${cut}-T${o.timesteps}-b${o.batchSize}-lr${o.learningRate}`;
    const definition: SweepDefinition = {
      trial: "charlm-study", metric: "val_loss", mode: "min", budget: { epochs: o.maxEpochs },
      space: { cell: [cell], dropout: o.dropouts, seed: seeds, ...Object.fromEntries(Object.entries(fixed).map(([k, v]) => [k, [v]])) },
    };
    const trials = spaceConfigs(definition.space, { search: "grid" }).map((c) => ({ dropout: Number(c.dropout), seed: Number(c.seed), trialId: trialId(c) }));
    return { cell, prefix, name: `${prefix}-e${o.maxEpochs}`, fixed, definition, trials };
  });
}
