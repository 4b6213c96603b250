import { fitCharNgram } from "./charNgram";

/** One baseline of `ngramBaselines`. */
export interface NgramBaselineRow {
  /** "unigram", "bigram", "trigram" or "<n>-gram". */
  name: string;
  order: number;
  validationBpc: number;
  testBpc: number;
  /** Seconds to count the training text. */
  fitSeconds: number;
}

/** Options of `ngramBaselines`. */
export interface NgramBaselinesOptions {
  /** Number of symbols. Required. */
  vocabSize: number;
  /** The n of each model, default [1, 3, 5, 7]. */
  orders?: number[];
  /** Absolute discount, default 0.75 (see fitCharNgram). */
  discount?: number;
}

/**
 * The char LM's simple baselines: n-gram models (`fitCharNgram`) of several orders fitted on the
 * training ids, each scored in bits per character on the validation and the test ids. The order
 * to quote is the one with the lowest *validation* bpc (`bestByValidation`), not the best on test.
 *
 * @example
 * const rows = ngramBaselines(trainIds, validationIds, testIds, { vocabSize: vocab.size, orders: [1, 3, 5] });
 * bestByValidation(rows).testBpc;
 */
export function ngramBaselines(train: ArrayLike<number>, validation: ArrayLike<number>, test: ArrayLike<number>, options: NgramBaselinesOptions): NgramBaselineRow[] {
  const orders = options.orders ?? [1, 3, 5, 7];
  if (orders.length === 0) throw new Error("ngramBaselines option orders: empty, expected at least one order");
  return orders.map((order) => {
    const t0 = performance.now();
    const model = fitCharNgram(train, { order, vocabSize: options.vocabSize, discount: options.discount });
    const fitSeconds = (performance.now() - t0) / 1000;
    const name = order === 1 ? "unigram" : order === 2 ? "bigram" : order === 3 ? "trigram" : `${order}-gram`;
    return { name, order, validationBpc: model.bitsPerCharacter(validation), testBpc: model.bitsPerCharacter(test), fitSeconds };
  });
}

/**
 * The row with the lowest validation bpc: the baseline a study quotes beside its model.
 *
 * @example
 * const strongest = bestByValidation(ngramBaselines(trainIds, validationIds, testIds, { vocabSize: 95 }));
 */
export function bestByValidation(rows: NgramBaselineRow[]): NgramBaselineRow {
  if (rows.length === 0) throw new Error("bestByValidation: no rows");
  return rows.reduce((best, row) => (row.validationBpc < best.validationBpc ? row : best));
}
