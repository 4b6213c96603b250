import { recurrentParamCount, type RecurrentCell } from "./matchedUnits";

/**
 * Trainable parameters of `buildCharLm({ cell, units, layers, vocabSize })` (no embedding): the
 * first recurrent layer on one-hot inputs of `vocabSize`, the others on `units` inputs, and the
 * softmax layer (units · vocabSize + vocabSize).
 *
 * @example
 * charLmParamCount("gru", 128, 2, 95) // 197727, as buildCharLm's model.countParams()
 */
export function charLmParamCount(cell: RecurrentCell, units: number, layers: number, vocabSize: number): number {
  let total = units * vocabSize + vocabSize;
  for (let l = 1; l <= layers; l++) total += recurrentParamCount(cell, units, l === 1 ? vocabSize : units);
  return total;
}

/**
 * The units per layer that give a char LM of `cell` the parameter count closest to the GRU char LM
 * of `gruUnits` per layer (same layers and vocabulary; the whole model counted, softmax included),
 * so that GRU, LSTM and SimpleRNN language models are compared at equal size. Ties go to the smaller.
 *
 * @example
 * matchedCharLmUnits("lstm", 256, 2, 95) // the LSTM units of a model as big as the 2 × 256 GRU's
 */
export function matchedCharLmUnits(cell: RecurrentCell, gruUnits: number, layers: number, vocabSize: number): number {
  for (const [name, v] of [["gruUnits", gruUnits], ["layers", layers], ["vocabSize", vocabSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`matchedCharLmUnits: ${name} ${v}, expected a positive integer`);
  }
  if (cell === "gru") return gruUnits;
  const target = charLmParamCount("gru", gruUnits, layers, vocabSize);
  let best = 1;
  // The count grows with units, and every cell has at least one gate block: the match is below 2·gruUnits + 2.
  for (let h = 1; h <= 4 * gruUnits + 4; h++) {
    const d = Math.abs(charLmParamCount(cell, h, layers, vocabSize) - target);
    if (d < Math.abs(charLmParamCount(cell, best, layers, vocabSize) - target)) best = h;
    else if (charLmParamCount(cell, h, layers, vocabSize) > target) break;
  }
  return best;
}
