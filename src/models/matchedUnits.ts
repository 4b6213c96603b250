/**
 * The recurrent cells grulab builds.
 *
 * @example
 * const cells: RecurrentCell[] = ["gru", "lstm", "simpleRnn"];
 */
export type RecurrentCell = "gru" | "lstm" | "simpleRnn";

/**
 * Options that change a recurrent layer's parameter count.
 *
 * @example
 * recurrentParamCount("gru", 64, 8, { resetAfter: false, useBias: true });
 */
export interface ParamCountOptions {
  /** Default true. */
  useBias?: boolean;
  /** GRU only: default true (two bias rows, as grulab's gru()). */
  resetAfter?: boolean;
}

/**
 * Trainable parameters of one recurrent layer of `units` on `inputDim` features, as
 * model.countParams() counts them: G·(D·H + H² + bias) with G = 3 (GRU), 4 (LSTM), 1 (SimpleRNN);
 * bias H, or 2H for a reset-after GRU, or 0 without bias.
 *
 * @example
 * recurrentParamCount("lstm", 128, 8); // 70144
 */
export function recurrentParamCount(cell: RecurrentCell, units: number, inputDim: number, options: ParamCountOptions = {}): number {
  const gates = { gru: 3, lstm: 4, simpleRnn: 1 }[cell];
  if (gates === undefined) throw new Error(`recurrentParamCount: cell "${cell}", expected one of gru, lstm, simpleRnn`);
  const biasRows = options.useBias === false ? 0 : cell === "gru" && options.resetAfter !== false ? 2 : 1;
  return gates * (inputDim * units + units * units + biasRows * units);
}

/**
 * The number of units that gives `cell` the parameter count closest to `targetParams` on
 * `inputDim` features (ties go to the smaller layer), e.g. to compare a GRU, an LSTM and a
 * SimpleRNN of equal size. At least 1.
 *
 * @example
 * const units = matchedUnits("lstm", recurrentParamCount("gru", 128, 8), 8); // 111: an LSTM as big as a GRU(128)
 */
export function matchedUnits(cell: RecurrentCell, targetParams: number, inputDim: number, options: ParamCountOptions = {}): number {
  if (!(targetParams > 0) || !Number.isFinite(targetParams)) throw new Error(`matchedUnits: targetParams ${targetParams}, expected a positive number`);
  if (!Number.isInteger(inputDim) || inputDim < 1) throw new Error(`matchedUnits: inputDim ${inputDim}, expected a positive integer`);
  const count = (h: number) => recurrentParamCount(cell, h, inputDim, options);
  let hi = 1;
  while (count(hi) < targetParams) hi *= 2; // the count grows with units
  let lo = Math.max(1, Math.floor(hi / 2));
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (count(mid) < targetParams) lo = mid;
    else hi = mid;
  }
  return Math.abs(count(lo) - targetParams) <= Math.abs(count(hi) - targetParams) ? lo : hi;
}
