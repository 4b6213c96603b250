import { GRU_VS_LSTM_VARIANTS } from "./gruVsLstmUpdatesTrial";

/** The parts of results/gru-vs-lstm-cost.json the estimate reads: CPU seconds per update and per trial, per length and cell. */
export interface GruVsLstmTrialCost {
  cpuSecondsPerUpdate: Record<string, Record<string, number>>;
  cpuSecondsFixedPerTrial: Record<string, Record<string, number>>;
}

/** The parts of results/gru-vs-lstm.json the estimate reads: per task and length, each variant's seeds (solved, updates to solve). */
export interface GruVsLstmSolvedRecord {
  budget: { updatesPerTrial: number };
  tasks: Record<string, { lengths: Record<string, Record<string, { perSeed: Array<{ solved: boolean; updatesToSolve: number | null }> }>> }>;
}

/** One piece's (task and length) estimate: its trials and CPU-hours without and with stopping when solved. */
export interface GruVsLstmPieceEstimate {
  task: string;
  length: number;
  trials: number;
  cpuHours: number;
  cpuHoursStopping: number;
  /** Seeds whose stop comes from the recorded study (solved there); the others, and every learning-rate trial, run the whole budget. */
  seedsStoppingEarly: number;
}

/**
 * The CPU-hours of the GRU-vs-LSTM study's full design (both tasks, every length of the cost file,
 * `learningRates` learning-rate trials per cell on the tuning seed, then the three cells and
 * `ablations` over `seeds` seeds) at `updates` updates per trial, per task and length, without
 * stopping and with `stopWhenSolved`: a trial costs its cell's fixed CPU seconds plus its updates
 * × the cell's CPU seconds per update (`cost`; an ablation at its cell's rate). With stopping, a
 * seed that solved the task in the recorded study (`solved`, a smaller budget) is counted at its
 * updates to solve there; every other seed, every learning-rate trial (the file keeps no per-trial
 * solve for them) and every task and length the record lacks runs the whole budget: an upper bound,
 * since a trial unsolved at the smaller budget may solve, and stop, at the larger one.
 *
 * @example
 * const pieces = gruVsLstmBudget(cost, solved, { updates: 10_000 }); // one entry per task and length
 */
export function gruVsLstmBudget(
  cost: GruVsLstmTrialCost, solved: GruVsLstmSolvedRecord,
  options: { updates: number; tasks?: string[]; learningRates?: number; seeds?: number; ablations?: string[] },
): GruVsLstmPieceEstimate[] {
  const { updates } = options;
  if (!Number.isInteger(updates) || updates < 1) throw new Error(`gruVsLstmBudget option updates: ${updates}, expected a positive integer`);
  if (updates < solved.budget.updatesPerTrial) {
    throw new Error(`gruVsLstmBudget option updates: ${updates} is below the recorded study's ${solved.budget.updatesPerTrial} updates per trial: its solves say nothing about a smaller budget`);
  }
  const tasks = options.tasks ?? ["adding", "recall"];
  const learningRates = options.learningRates ?? 3;
  const seeds = options.seeds ?? 5;
  const ablations = options.ablations ?? ["gru-reset-before", "gru-chrono", "lstm-forget-bias-0", "lstm-chrono"];
  const variants = ["gru", "lstm", "simpleRnn", ...ablations];
  const pieces: GruVsLstmPieceEstimate[] = [];
  for (const task of tasks) {
    for (const T of Object.keys(cost.cpuSecondsPerUpdate)) {
      const seconds = (cell: string, n: number) => {
        const perUpdate = cost.cpuSecondsPerUpdate[T][cell];
        const fixed = cost.cpuSecondsFixedPerTrial[T]?.[cell];
        if (typeof perUpdate !== "number" || typeof fixed !== "number") throw new Error(`gruVsLstmBudget: the cost file has no ${cell} at ${T}`);
        return fixed + n * perUpdate;
      };
      let full = 0;
      let early = 0;
      for (const cell of ["gru", "lstm", "simpleRnn"]) full += learningRates * seconds(cell, updates);
      let stopping = full;
      for (const v of variants) {
        const cell = GRU_VS_LSTM_VARIANTS[v]?.cell;
        if (cell === undefined) throw new Error(`gruVsLstmBudget option ablations: ${JSON.stringify(v)} is not a variant (${Object.keys(GRU_VS_LSTM_VARIANTS).join(", ")})`);
        const recorded = solved.tasks[task]?.lengths[T]?.[v]?.perSeed ?? [];
        for (let k = 0; k < seeds; k++) {
          const seed = recorded[k];
          const stopAt = seed?.solved === true && seed.updatesToSolve !== null ? seed.updatesToSolve : updates;
          if (stopAt < updates) early++;
          full += seconds(cell, updates);
          stopping += seconds(cell, stopAt);
        }
      }
      pieces.push({ task, length: Number(T.slice(1)), trials: 3 * learningRates + variants.length * seeds, cpuHours: full / 3600, cpuHoursStopping: stopping / 3600, seedsStoppingEarly: early });
    }
  }
  return pieces;
}
